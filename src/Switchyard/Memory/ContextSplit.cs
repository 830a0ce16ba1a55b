namespace Switchyard.Memory;

/// <summary>
/// Shares of the assembly budget left after the system messages and the new turns (which are always sent). Recall and
/// summary are capped at their shares; the window gets the rest, including whatever recall and summary left unused.
/// </summary>
public sealed record ContextSplit
{
    /// <summary>Share for recalled memories (L3), 0–1. The default is 0.25.</summary>
    public double Recall { get; init; } = 0.25;

    /// <summary>Share for the rolling summary (L2), 0–1; also bounds the summary's length. The default is 0.2.</summary>
    public double Summary { get; init; } = 0.2;

    /// <summary>The window's (L1) guaranteed share: what recall and summary do not take.</summary>
    public double Window => 1 - Recall - Summary;

    /// <summary>Every problem with the split, each prefixed with its property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Recall is < 0 or > 1 || double.IsNaN(Recall))
        {
            errors.Add($"{nameof(Recall)}: must be 0–1 (was {Recall}).");
        }

        if (Summary is < 0 or > 1 || double.IsNaN(Summary))
        {
            errors.Add($"{nameof(Summary)}: must be 0–1 (was {Summary}).");
        }

        if (Recall + Summary > 0.9)
        {
            errors.Add($"{nameof(Recall)}+{nameof(Summary)}: must leave the window at least 0.1 (was {Recall + Summary}).");
        }

        return errors;
    }
}
