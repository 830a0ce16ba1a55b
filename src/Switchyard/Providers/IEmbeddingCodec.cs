using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>
/// A wire format with an embeddings endpoint (OpenAI <c>POST /v1/embeddings</c>), both sides: a front door reads
/// embeddings requests, and a provider's answers are checked before they reach the caller. Errors are the format's
/// own (<see cref="IWireCodec.WriteError"/>, <see cref="IWireCodec.ReadError"/>). Stateless and thread-safe.
/// </summary>
public interface IEmbeddingCodec : IWireCodec
{
    /// <summary>Parses and validates a client's embeddings request against the format's rules.</summary>
    CodecResult<EmbeddingRequest> ReadEmbeddingRequest(ReadOnlyMemory<byte> body);

    /// <summary>Reads a provider's embeddings answer; a failure says why it is not one.</summary>
    CodecResult<EmbeddingAnswer> ReadEmbeddingAnswer(ReadOnlyMemory<byte> body);

    /// <summary>
    /// Writes an embeddings request of text inputs as a client would send it, for an in-process caller that hands the
    /// engine what a front door would (then reads it back with <see cref="ReadEmbeddingRequest"/>, for the same rules).
    /// </summary>
    /// <exception cref="ArgumentException">An input is token ids, which <see cref="EmbeddingInput"/> only counts.</exception>
    byte[] WriteEmbeddingRequest(EmbeddingRequest request);

    /// <summary>Decodes the vectors of an embeddings answer (floats or base64), in input order; a failure says why it cannot.</summary>
    CodecResult<EmbeddingVectors> ReadEmbeddingVectors(ReadOnlyMemory<byte> body);
}

/// <summary>What the gateway needs of an embeddings answer: how many vectors, who made them, and the usage billed.</summary>
/// <param name="Count">The number of embeddings in the answer.</param>
/// <param name="Model">The model the provider says answered, if it said.</param>
/// <param name="Usage">The input tokens billed (no output); null when the answer did not say (the gateway's estimate is billed).</param>
public sealed record EmbeddingAnswer(int Count, string? Model, TokenUsage? Usage);

/// <summary>The vectors of an embeddings answer, for an in-process caller.</summary>
/// <param name="Vectors">One vector per input, in input order.</param>
/// <param name="Model">The model the provider says answered, if it said.</param>
/// <param name="Usage">The input tokens billed, when the answer said.</param>
public sealed record EmbeddingVectors(IReadOnlyList<float[]> Vectors, string? Model, TokenUsage? Usage);
