namespace Switchyard.Resilience;

/// <summary>
/// A retry budget (Finagle's <c>RetryBudget</c>; Envoy's retry budgets and gRPC retry throttling share the idea): retries
/// may add at most <see cref="Ratio"/> of the recent first attempts, plus a small floor so that a quiet deployment can
/// still retry. It caps the extra load retries put on a provider that is already failing, however many layers retry.
/// </summary>
public sealed record RetryBudgetOptions
{
    /// <summary>Retry tokens each first attempt deposits, 0 to 1. The default is 0.1 (retries add at most 10% load).</summary>
    public double Ratio { get; init; } = 0.1;

    /// <summary>
    /// Retries per second allowed regardless of traffic, so a deployment with little traffic can still retry; over
    /// <see cref="Ttl"/> the floor adds <c>MinRetriesPerSecond × Ttl</c> retries. The default is 5 (low enough not to
    /// matter against a provider, high enough that a handful of requests can retry).
    /// </summary>
    public int MinRetriesPerSecond { get; init; } = 5;

    /// <summary>
    /// How long deposits and withdrawals count, in whole seconds (the window is kept as one-second slots), so the
    /// budget follows recent load. The default is 10 seconds.
    /// </summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these options, all at once, each prefixed with its config path.</summary>
    public IReadOnlyList<string> Validate(string path = "Resilience:RetryBudget")
    {
        var errors = new List<string>();
        // A share of the first attempts: at 1, retries may already double the load on a failing provider, which is
        // as far as a budget meant to shed load can sensibly go (5 would let retries multiply it sixfold).
        if (!(Ratio >= 0 && Ratio <= 1))
        {
            errors.Add($"{path}:Ratio: must be between 0 and 1 (was {Ratio}).");
        }

        if (MinRetriesPerSecond < 0)
        {
            errors.Add($"{path}:MinRetriesPerSecond: must be zero or more.");
        }

        if (Ttl < TimeSpan.FromSeconds(1) || Ttl > TimeSpan.FromMinutes(1) || Ttl.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"{path}:Ttl: must be a whole number of seconds from 1 to 60.");
        }

        return errors;
    }
}
