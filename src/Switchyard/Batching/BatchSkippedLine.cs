namespace Switchyard.Batching;

/// <summary>An input line that <c>--skip-invalid</c> left out of the job.</summary>
/// <param name="LineNumber">The line's number, counting from 1.</param>
/// <param name="CustomId">Its custom_id, or null when the line could not be read far enough to have one.</param>
/// <param name="Message">Why it is invalid, as printed by <c>submit</c>.</param>
public sealed record BatchSkippedLine(long LineNumber, string? CustomId, string Message);
