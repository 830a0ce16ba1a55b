namespace Switchyard.Batching;

/// <summary>One invalid input line.</summary>
/// <param name="LineNumber">The line's number, counting from 1.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record BatchLineIssue(long LineNumber, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {LineNumber}: {Message}";
}
