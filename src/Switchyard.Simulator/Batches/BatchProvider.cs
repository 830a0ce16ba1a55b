namespace Switchyard.Simulator.Batches;

/// <summary>Which batch API a batch was created on.</summary>
internal enum BatchProvider
{
    OpenAI,
    Anthropic,
}
