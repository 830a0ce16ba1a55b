namespace Switchyard.Streaming;

/// <summary>Where an idempotency record is in its life.</summary>
public enum IdempotencyState
{
    /// <summary>The owner is still generating.</summary>
    InProgress = 0,

    /// <summary>The response is stored in <see cref="IdempotencyRecord.Result"/>.</summary>
    Completed = 1,
}
