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
}
