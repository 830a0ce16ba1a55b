namespace Switchyard.Hosting.Configuration;

/// <summary><c>Idempotency-Key</c> handling on POST: a retried request attaches to the original instead of paying twice.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>Whether the header is honoured. The default is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a key is remembered, in hours. The default is 24.</summary>
    public int RetentionHours { get; set; } = 24;

    /// <summary>
    /// How long a duplicate of a non-streaming request that is still running waits for its answer, in seconds, before it
    /// gets 409. The default is 120.
    /// </summary>
    public int WaitSeconds { get; set; } = 120;
}
