namespace Switchyard.Simulator;

/// <summary>How the simulated batch APIs behave: time to completion, per-line faults, whole-batch validation failures.</summary>
public sealed record BatchScript
{
    /// <summary>Seconds from creation until a batch ends; null uses <see cref="SimulatorOptions.BatchDuration"/>. The default is null.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Per-line faults; their fractions stack in order over the <c>[0, 1)</c> hash range of a custom_id. The default is none.</summary>
    public IReadOnlyList<BatchLineFault> LineFaults { get; init; } = [];

    /// <summary>
    /// The first N batches created on each provider after the scenario was installed fail as a whole: OpenAI ends them
    /// <c>failed</c> with <c>errors</c>, Anthropic rejects the create with 400. The default is 0.
    /// </summary>
    public int ValidationFailures { get; init; }
}
