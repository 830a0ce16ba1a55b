using System.CommandLine;

namespace Switchyard.Cli.Commands.Batch;

/// <summary>Options every <c>batch</c> verb takes.</summary>
internal sealed record BatchCommonOptions(string? JobDir, string? BaseUrl, FileInfo? ConfigFile, TimeSpan PollInterval)
{
    public static readonly Option<string?> JobDirOption = new("--job-dir")
    {
        Description = "Directory of the job store (jobs.db and chunk files). Default: $SWITCHYARD_BATCH_DIR, else ./.switchyard/batches.",
    };

    public static readonly Option<string?> BaseUrlOption = new("--base-url")
    {
        Description = "Provider base URL (e.g. a simulator or the gateway). Default: OPENAI_BASE_URL / ANTHROPIC_BASE_URL, the config file, the public API.",
    };

    public static readonly Option<FileInfo?> ConfigOption = new("--config") { Description = "A switchyard.json configuration file (routes, provider base URLs)." };

    public static readonly Option<double> PollOption = new("--poll-interval")
    {
        Description = "Seconds between status polls while waiting.",
        DefaultValueFactory = _ => 10,
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(JobDirOption);
        command.Options.Add(BaseUrlOption);
        command.Options.Add(ConfigOption);
        command.Options.Add(PollOption);
    }

    /// <exception cref="BatchUserException">The poll interval is not a positive number of seconds (at most a day).</exception>
    public static BatchCommonOptions From(ParseResult result)
    {
        var poll = result.GetValue(PollOption);
        if (!double.IsFinite(poll) || poll <= 0 || poll > 86_400)
        {
            throw new BatchUserException($"--poll-interval must be more than 0 and at most 86400 seconds (was {poll.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        return new(result.GetValue(JobDirOption), result.GetValue(BaseUrlOption), result.GetValue(ConfigOption), TimeSpan.FromSeconds(Math.Max(0.01, poll)));
    }
}
