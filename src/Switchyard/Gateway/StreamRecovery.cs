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
    /// <summary>
    /// Whether streams to providers that can resume (OpenAI Responses) are created as stored background responses, so a
    /// broken connection is resumed from the last sequence number instead of continued. The default is true.
    /// </summary>
    public bool ResumeUpstream { get; init; } = true;

    /// <summary>No log, and the default number of continuations.</summary>
    public static StreamRecovery Default { get; } = new((IDeltaLog?)null);
}
