namespace Switchyard.Simulator.Batches;

/// <summary>OpenAI batch statuses; Anthropic's <c>processing_status</c> is derived from them (see <see cref="SimBatch.AnthropicStatus"/>).</summary>
internal enum BatchStatus
{
    Validating,
    InProgress,
    Finalizing,
    Completed,
    Failed,
    Expired,
    Cancelling,
    Cancelled,
}
