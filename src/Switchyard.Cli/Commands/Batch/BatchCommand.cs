using System.CommandLine;
using Microsoft.Data.Sqlite;
using Switchyard.Providers;

namespace Switchyard.Cli.Commands.Batch;

/// <summary><c>switchyard batch</c>: offline jobs on the OpenAI Batch API and Anthropic Message Batches (docs/batches.md).</summary>
internal static class BatchCommand
{
    public static Command Create(BatchCliContext context)
    {
        var command = new Command("batch", "Run delay-tolerant requests on the providers' batch APIs at half price.")
        {
            BatchSubmitCommand.Create(context),
            BatchJobCommands.Status(context),
            BatchJobCommands.Wait(context),
            BatchJobCommands.Collect(context),
            BatchJobCommands.Replay(context),
            BatchJobCommands.Cancel(context),
        };
        return command;
    }

    /// <summary>Runs a verb with its session, turning user and provider errors into one line and an exit code.</summary>
    public static async Task<int> RunAsync(BatchCliContext context, ParseResult result, Func<BatchSession, Task<int>> verb)
    {
        try
        {
            using var session = new BatchSession(context, BatchCommonOptions.From(result));
            return await verb(session);
        }
        catch (BatchUserException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (BatchProviderException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            await context.Error.WriteLineAsync("The job store records how far the job got: run the same command again to continue.");
            return BatchExitCodes.ProviderError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or InvalidOperationException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return BatchExitCodes.ProviderError;
        }
    }
}
