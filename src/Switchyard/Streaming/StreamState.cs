namespace Switchyard.Streaming;

/// <summary>Where a logged stream is in its life.</summary>
public enum StreamState
{
    /// <summary>Events may still be appended.</summary>
    Open = 0,

    /// <summary>The stream ended normally.</summary>
    Completed = 1,

    /// <summary>The stream ended in error, or its process stopped before completing it.</summary>
    Failed = 2,
}
