using Switchyard.Streaming;

namespace Switchyard.Gateway;

/// <summary>How the forwarder logs streamed answers and repairs upstream breaks after they reached the caller.</summary>
/// <param name="Log">The delta log every streamed event is appended to (for resumes); null logs nothing.</param>
/// <param name="MaxContinuations">
/// How many continuation attempts one stream may use to repair breaks (0 disables continuation everywhere; routes can
/// also opt out). The default is 2.
/// </param>
public sealed record StreamRecovery(IDeltaLog? Log, int MaxContinuations = 2)
{
    /// <summary>No log, and the default number of continuations.</summary>
    public static StreamRecovery Default { get; } = new((IDeltaLog?)null);
}
