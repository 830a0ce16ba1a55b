namespace Switchyard.Batching;

/// <summary>Where one input line stands.</summary>
public enum BatchLineState
{
    /// <summary>In a chunk of the current round, no outcome yet.</summary>
    Pending,

    /// <summary>Has a result. Never submitted again.</summary>
    Succeeded,

    /// <summary>Has a classified failure; replayed only when the class is retryable.</summary>
    Failed,
}
