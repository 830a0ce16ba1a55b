namespace Switchyard.Failures;

/// <summary>One upstream attempt of a request, as reported to the caller when every attempt failed.</summary>
/// <param name="Provider">Provider name.</param>
/// <param name="Model">Provider model.</param>
/// <param name="Failure">How it failed; null for the attempt that succeeded (or was cancelled as a hedge loser).</param>
/// <param name="Status">The provider's HTTP status, if it answered.</param>
/// <param name="Elapsed">Time from the attempt's start to its outcome.</param>
public sealed record AttemptRecord(string Provider, string Model, FailureKind? Failure, int? Status, TimeSpan Elapsed)
{
    /// <summary>Whether this attempt was started as a hedge.</summary>
    public bool Hedge { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Provider}/{Model}: {(Failure?.ToString() ?? "ok")}{(Status is { } s ? $" ({s})" : "")} after {Elapsed.TotalMilliseconds:F0} ms{(Hedge ? " [hedge]" : "")}";
}
