namespace Switchyard.Memory.Local;

/// <summary>Where and how <see cref="USearchVectorIndex"/> keeps its HNSW indexes.</summary>
public sealed record USearchIndexOptions
{
    /// <summary>The folder of the index files (one per session); the convention is beside the SQLite file, e.g. <c>memory.db.index/</c>.</summary>
    public required string Directory { get; init; }

    /// <summary>The vector length; must match the embedder. The default is 384 (MiniLM).</summary>
    public int Dimensions { get; init; } = MiniLmEmbedder.VectorDimensions;

    /// <summary>HNSW graph degree (M). The default is 16.</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>Candidate list size while inserting (efConstruction). The default is 128.</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>Candidate list size while searching (ef). The default is 64.</summary>
    public int ExpansionSearch { get; init; } = 64;

    /// <summary>Every problem with these options, each prefixed with its property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add($"{nameof(Directory)}: is required.");
        }

        if (Dimensions is < 1 or > 8192)
        {
            errors.Add($"{nameof(Dimensions)}: must be 1–8192 (was {Dimensions}).");
        }

        if (Connectivity is < 2 or > 128)
        {
            errors.Add($"{nameof(Connectivity)}: must be 2–128 (was {Connectivity}).");
        }

        if (ExpansionAdd is < 1 or > 4096 || ExpansionSearch is < 1 or > 4096)
        {
            errors.Add($"{nameof(ExpansionAdd)}/{nameof(ExpansionSearch)}: must be 1–4096 (were {ExpansionAdd}/{ExpansionSearch}).");
        }

        return errors;
    }
}
