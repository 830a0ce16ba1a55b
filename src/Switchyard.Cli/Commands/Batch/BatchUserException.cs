namespace Switchyard.Cli.Commands.Batch;

/// <summary>A user error: printed as one <c>error:</c> line with its exit code, never with a stack trace.</summary>
internal sealed class BatchUserException(string message, int exitCode = BatchExitCodes.Usage) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
