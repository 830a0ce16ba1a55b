namespace Switchyard.Simulator;

/// <summary>Start-up settings of a simulator. Immutable; the scenario can later be replaced via <c>PUT /_sim/scenario</c>.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Seed used when the scenario has none. The default is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Initial scenario. The default is null: no faults and zero latency.</summary>
    public Scenario? Scenario { get; init; }

    /// <summary>Shortest generated answer in o200k tokens. The default is 100.</summary>
    public int MinOutputTokens { get; init; } = 100;

    /// <summary>Longest generated answer in o200k tokens. The default is 300.</summary>
    public int MaxOutputTokens { get; init; } = 300;

    /// <summary>
    /// Multiplies the rate limits the simulator advertises in its headers (OpenAI 10,000 requests and 30M tokens per
    /// minute, Anthropic 4,000 requests and 2.4M tokens). The default is 1; load benchmarks use a large value.
    /// </summary>
    public double RateLimitScale { get; init; } = 1;

    /// <summary>
    /// How long a batch takes from creation to its end (time-compressed: the real APIs take up to 24 h). A scenario's
    /// <c>batch.durationSeconds</c> overrides it. The default is 1 second.
    /// </summary>
    public TimeSpan BatchDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Directory for uploaded and generated batch files; null uses a fresh directory under the system temp path, deleted on dispose. The default is null.</summary>
    public string? BatchDirectory { get; init; }

    /// <summary>
    /// The API keys the simulator accepts, as a provider accepts only its account's keys: any other key is answered 401
    /// in the provider's words. Null (the default) accepts any non-empty key.
    /// </summary>
    public IReadOnlySet<string>? AcceptedKeys { get; init; }
}
