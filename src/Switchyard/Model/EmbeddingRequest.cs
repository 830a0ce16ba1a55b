namespace Switchyard.Model;

/// <summary>
/// A validated embeddings request (OpenAI <c>POST /v1/embeddings</c>): what the engine needs to route, estimate and
/// bill it. The body itself travels as raw bytes (only the model is spliced per target), so nothing here is written
/// back to a provider. Immutable.
/// </summary>
/// <param name="Model">The model (or route) name as the client sent it.</param>
/// <param name="Inputs">The inputs in order; at least one.</param>
public sealed record EmbeddingRequest(string Model, IReadOnlyList<EmbeddingInput> Inputs)
{
    /// <summary>The vector length asked for (<c>dimensions</c>); null leaves the model's own.</summary>
    public int? Dimensions { get; init; }

    /// <summary>Whether vectors come back as base64 strings of little-endian float32 (<c>encoding_format: base64</c>).</summary>
    public bool Base64 { get; init; }

    /// <summary>Opaque end-user id (<c>user</c>).</summary>
    public string? User { get; init; }
}

/// <summary>One input to embed: a text, or a list of token ids (only their number matters to the gateway).</summary>
/// <param name="Text">The text; null for token ids.</param>
/// <param name="TokenIds">How many token ids the input has; 0 for a text.</param>
public readonly record struct EmbeddingInput(string? Text, int TokenIds);
