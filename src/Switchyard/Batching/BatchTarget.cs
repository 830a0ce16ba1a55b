using Switchyard.Providers;

namespace Switchyard.Batching;

/// <summary>Where a job's requests go and in which shape.</summary>
/// <param name="Provider">Provider name: <c>openai</c> or <c>anthropic</c>.</param>
/// <param name="Limits">The provider's batch limits.</param>
/// <param name="Format">How a request is written into the provider's batch input.</param>
/// <param name="InputCodec">Reads and validates the input lines' bodies (OpenAI chat completions).</param>
/// <param name="OutputCodec">
/// Writes the bodies in the provider's format when it differs from the input's; null when bodies pass through as sent
/// (after the model and output-limit edits).
/// </param>
public sealed record BatchTarget(string Provider, BatchLimits Limits, BatchLineFormat Format, IWireCodec InputCodec, IWireCodec? OutputCodec);
