namespace Switchyard.Batching;

/// <summary>One input line's outcome, as read back for the results and failures files.</summary>
/// <param name="LineNumber">Input line number.</param>
/// <param name="CustomId">The line's custom_id.</param>
/// <param name="State">Pending, succeeded or failed.</param>
/// <param name="Failure">The failure class when failed.</param>
/// <param name="Error">The provider's error JSON (or a message) when failed.</param>
/// <param name="Result">The provider's response body JSON when succeeded.</param>
/// <param name="Attempts">How many times the line was submitted.</param>
public sealed record BatchLineRecord(
    long LineNumber, string CustomId, BatchLineState State, BatchFailureClass? Failure, string? Error, byte[]? Result, int Attempts);
