namespace Switchyard.Batching;

/// <summary>Where one input line sits in the chunk files of its current round.</summary>
/// <param name="LineNumber">Input line number (1-based): the order of the results file.</param>
/// <param name="CustomId">The line's custom_id (given or assigned).</param>
/// <param name="ChunkId">The chunk holding the line in this round.</param>
/// <param name="Offset">Byte offset of the line in the chunk file.</param>
/// <param name="Length">Byte length of the line, without its newline.</param>
/// <param name="Model">The model the line asks for (after any override).</param>
/// <param name="EstimatedCostUsd">Worst-case cost of one execution at batch prices.</param>
public readonly record struct BatchLinePlacement(
    long LineNumber, string CustomId, long ChunkId, long Offset, int Length, string Model, decimal EstimatedCostUsd);
