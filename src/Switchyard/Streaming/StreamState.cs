namespace Switchyard.Streaming;

/// <summary>Where a logged stream is in its life.</summary>
public enum StreamState
{
    /// <summary>Events may still be appended.</summary>
    Open = 0,

    /// <summary>The stream ended normally.</summary>
    Completed = 1,

    /// <summary>The stream ended in error; its last logged event says so in the caller's format.</summary>
    Failed = 2,

    /// <summary>The process that produced the stream stopped before completing it: no terminal event was logged.</summary>
    Interrupted = 3,
}
