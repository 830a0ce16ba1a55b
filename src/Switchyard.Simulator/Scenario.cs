using Switchyard.Simulator.Scenarios;

namespace Switchyard.Simulator;

/// <summary>
/// A fault and latency script: optional seed, a latency profile and ordered rules (first match wins).
/// Immutable; install one with <see cref="SimulatorOptions.Scenario"/> or <c>PUT /_sim/scenario</c>.
/// The JSON format is documented in docs/simulator.md.
/// </summary>
public sealed record Scenario
{
    /// <summary>Seed for generated text and rule probabilities; null uses <see cref="SimulatorOptions.Seed"/>.</summary>
    public int? Seed { get; init; }

    /// <summary>Latency applied to every successful response. The default is none (zero delay).</summary>
    public LatencyProfile Latency { get; init; } = new();

    /// <summary>Fault rules, evaluated in order; the first that matches a request applies. The default is empty.</summary>
    public IReadOnlyList<ScenarioRule> Rules { get; init; } = [];

    /// <summary>Behaviour of the batch APIs (duration, line faults, validation failures). The default is none of them.</summary>
    public BatchScript Batch { get; init; } = new();

    /// <summary>Parses scenario JSON; unknown keys and invalid values are rejected.</summary>
    /// <exception cref="ScenarioException">The JSON is invalid; the message names the JSON path, e.g. <c>$.rules[0].fault.kind</c>.</exception>
    public static Scenario Parse(string json) => ScenarioParser.Parse(json);

    /// <summary>Reads and parses a scenario file.</summary>
    /// <exception cref="ScenarioException">The file's JSON is invalid.</exception>
    public static Scenario Load(string path) => ScenarioParser.Parse(File.ReadAllText(path));

    /// <summary>Serializes the scenario back to the documented JSON format.</summary>
    public string ToJson() => ScenarioWriter.Write(this);
}
