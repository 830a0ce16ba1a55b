using Microsoft.Extensions.Configuration;
using Switchyard.Batching;
using Switchyard.Costs;
using Switchyard.Hosting.Configuration;
using Switchyard.Providers;
using Switchyard.Storage;

namespace Switchyard.Cli.Commands.Batch;

/// <summary>One verb's resources: the job store, the configuration and an HTTP client; disposed when the verb ends.</summary>
internal sealed class BatchSession : IDisposable
{
    private readonly HttpClient _http;

    public BatchSession(BatchCliContext context, BatchCommonOptions options)
    {
        Context = context;
        Options = options;
        var builder = new ConfigurationBuilder();
        if (options.ConfigFile is { } file)
        {
            // The same checks as serve's: readable UTF-8 JSON, no duplicate keys, no provider key in plain text.
            if (ConfigFileGuard.Problems(file.FullName) is { Count: > 0 } problems)
            {
                throw new BatchUserException($"the configuration file is invalid:{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", problems)}");
            }

            builder.AddJsonFile(file.FullName, optional: false);
        }

        Configuration = builder.Build();
        JobRoot = Path.GetFullPath(options.JobDir ?? context.Environment("SWITCHYARD_BATCH_DIR") ?? Path.Combine(".switchyard", "batches"));
        Store = OpenStore(JobRoot);
        _http = context.Handler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromMinutes(30) }
            : new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
    }

    public BatchCliContext Context { get; }

    public BatchCommonOptions Options { get; }

    public IConfiguration Configuration { get; }

    /// <summary>The directory holding <c>jobs.db</c> and one folder of chunk files per job.</summary>
    public string JobRoot { get; }

    public SqliteBatchJobStore Store { get; }

    public IBatchProvider Provider(string name) => BatchProviderFactory.Create(name, Options.BaseUrl, Configuration, Context, _http);

    /// <summary>A runner for an existing job, on the job's own provider.</summary>
    public BatchJobRunner Runner(string jobId)
    {
        var job = Store.FindJob(jobId) ?? throw new BatchUserException($"no batch job '{jobId}' in {JobRoot} (use --job-dir to point at another job store)");
        return Runner(Provider(job.Provider));
    }

    public BatchJobRunner Runner(IBatchProvider provider) =>
        new(Store, provider, PriceBook.Default, Context.RunnerOptions(Options.PollInterval));

    private static SqliteBatchJobStore OpenStore(string jobRoot)
    {
        try
        {
            Directory.CreateDirectory(jobRoot);
            return new SqliteBatchJobStore(Path.Combine(jobRoot, "jobs.db"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            throw new BatchUserException($"cannot use the job store {jobRoot} (--job-dir / SWITCHYARD_BATCH_DIR): {ex.Message}");
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        _http.Dispose();
    }
}
