namespace Switchyard.Hosting.Configuration;

/// <summary>Stream recovery: the delta log, resumes, generation after a disconnect, continuation of broken streams.</summary>
public sealed class StreamOptions
{
    /// <summary>
    /// Whether streamed events are numbered (SSE <c>id:</c>), logged and resumable, and generation outlives a
    /// disconnected caller. The default is true.
    /// </summary>
    public bool Log { get; set; } = true;

    /// <summary>How long a finished stream stays resumable, in seconds. The default is 3600 (one hour).</summary>
    public int RetentionSeconds { get; set; } = 3600;

    /// <summary>
    /// How long generation goes on after the caller disconnected, in seconds, so that the rest can be resumed (the
    /// request's deadline still applies). 0 stops generation when the caller leaves. The default is 300.
    /// </summary>
    public int DetachedGenerationSeconds { get; set; } = 300;

    /// <summary>How many continuation attempts may repair breaks of one stream (0 disables continuation). The default is 2.</summary>
    public int MaxContinuations { get; set; } = 2;

    /// <summary>How long the log's writer gathers events before one transaction, in milliseconds. The default is 10.</summary>
    public int FlushIntervalMs { get; set; } = 10;
}
