using Switchyard.Batching;

namespace Switchyard.Cli.Commands.Batch;

/// <summary>
/// What the <c>batch</c> verbs take from their surroundings: where to write, the environment, and (for tests) an HTTP
/// handler and a crash hook. <see cref="Console"/> is the real process's.
/// </summary>
internal sealed class BatchCliContext
{
    /// <summary>Standard output: summaries, and the job id alone on the last line of <c>submit</c>.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: problems, invalid lines.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>Whether to draw a live progress bar (an interactive terminal).</summary>
    public bool Interactive { get; init; }

    /// <summary>Handler for provider calls; null for a default one.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>The runner's crash hook (tests).</summary>
    public Action<string>? Checkpoint { get; init; }

    /// <summary>The process's own console and environment.</summary>
    public static BatchCliContext Console { get; } = new()
    {
        Out = System.Console.Out,
        Error = System.Console.Error,
        Environment = System.Environment.GetEnvironmentVariable,
        Interactive = !System.Console.IsOutputRedirected,
    };

    /// <summary>Runner options for this context.</summary>
    public BatchRunnerOptions RunnerOptions(TimeSpan pollInterval) => new() { PollInterval = pollInterval, Checkpoint = Checkpoint };
}
