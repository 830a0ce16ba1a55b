namespace Switchyard.Simulator.Batches;

/// <summary>What became of one batch line.</summary>
internal enum LineOutcome
{
    Succeeded,
    Errored,
    Expired,
}
