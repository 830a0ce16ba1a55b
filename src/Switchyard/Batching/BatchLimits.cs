namespace Switchyard.Batching;

/// <summary>How large one provider batch may be (PROTOCOLS.md §6–7).</summary>
/// <param name="MaxRequests">Most requests in one batch.</param>
/// <param name="MaxBytes">Most bytes of one batch's input (OpenAI: the uploaded file; Anthropic: the create body).</param>
/// <param name="OneModelPerBatch">Whether every request of a batch must name the same model (OpenAI).</param>
public sealed record BatchLimits(int MaxRequests, long MaxBytes, bool OneModelPerBatch)
{
    /// <summary>OpenAI: at most 50,000 requests and 200 MB per input file, one model per file.</summary>
    public static BatchLimits OpenAI { get; } = new(50_000, 200L * 1024 * 1024, OneModelPerBatch: true);

    /// <summary>Anthropic: at most 100,000 requests or 256 MB per batch, whichever comes first.</summary>
    public static BatchLimits Anthropic { get; } = new(100_000, 256L * 1024 * 1024, OneModelPerBatch: false);
}
