using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Gateway;

/// <summary>What happened to one request, for logs, metrics and (later) billing.</summary>
/// <param name="ServedBy">Who served it; null when no provider was reached.</param>
/// <param name="Failure">The final failure, or null on success.</param>
/// <param name="Usage">Token usage as the provider reported it, when it did.</param>
public sealed record ForwardOutcome(ServedBy? ServedBy, Failure? Failure, TokenUsage? Usage);
