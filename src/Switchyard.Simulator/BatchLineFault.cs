namespace Switchyard.Simulator;

/// <summary>
/// A share of batch lines that fail in one way. Which lines are hit is a pure function of seed and <c>custom_id</c>,
/// so resubmitting a line in a later batch meets the same script.
/// </summary>
public sealed record BatchLineFault
{
    /// <summary>How the hit lines fail.</summary>
    public required BatchFaultKind Kind { get; init; }

    /// <summary>Share of custom_ids hit, 0–1. Fractions of the faults in one script add up (at most 1). The default is 0.</summary>
    public double Fraction { get; init; }

    /// <summary>
    /// Retryable kinds: how many executions of a hit custom_id fail before it succeeds (counted across all batches
    /// of the simulator). Ignored for <see cref="BatchFaultKind.InvalidRequest"/> and <see cref="BatchFaultKind.ContentFiltered"/>,
    /// which fail every time. The default is 1.
    /// </summary>
    public int Times { get; init; } = 1;

    /// <summary>Whether a resubmission can succeed.</summary>
    public bool Retryable => Kind is not (BatchFaultKind.InvalidRequest or BatchFaultKind.ContentFiltered);
}
