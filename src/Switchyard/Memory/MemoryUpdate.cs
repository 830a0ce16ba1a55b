namespace Switchyard.Memory;

/// <summary>What <see cref="IAgentMemory.RecordAsync"/> did.</summary>
public sealed record MemoryUpdate
{
    /// <summary>The turns stored, with their sequences.</summary>
    public IReadOnlyList<MemoryTurn> Turns { get; init; } = [];

    /// <summary>Long-term memories stored and indexed for those turns.</summary>
    public int MemoriesIndexed { get; init; }

    /// <summary>The summary version after the update; null when the session has none yet.</summary>
    public int? SummaryVersion { get; init; }

    /// <summary>Whether this update folded turns into a new summary version.</summary>
    public bool Summarized { get; init; }

    /// <summary>Turns past the window waiting to be summarized after this update.</summary>
    public int PendingTurns { get; init; }

    /// <summary>Why folding or indexing did not happen (summarizer failed, timed out, budget exhausted, embedder failed); null when all went well or nothing was due.</summary>
    public string? Degraded { get; init; }
}
