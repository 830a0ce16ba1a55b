using System.Text;
using Microsoft.Data.Sqlite;
using Switchyard.Batching;
using Switchyard.Costs;
using Switchyard.Providers.OpenAI;
using Switchyard.Storage;

namespace Switchyard.Tests.Batching;

/// <summary>The job store builds a planned job's line rows from its placement log when they are first needed.</summary>
public sealed class BatchJobStoreLinesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sy-storelines-" + Guid.NewGuid().ToString("N"));
    private readonly string _database;

    public BatchJobStoreLinesTests()
    {
        Directory.CreateDirectory(_directory);
        _database = Path.Combine(_directory, "jobs.db");
    }

    [Fact]
    public void ReadLines_AfterAPlan_LoadsTheLogOnceAndGivesEveryLineInInputOrder()
    {
        using var store = new SqliteBatchJobStore(_database);
        var job = Plan(store, 300);

        Assert.False(store.FindJob(job.Id)!.LinesLoaded);
        Assert.Equal(300, store.GetTotals(job.Id).Pending);
        Assert.Equal(job.EstimatedCostUsd, store.GetTotals(job.Id).PendingEstimateUsd);

        var lines = store.ReadLines(job.Id).ToList();

        Assert.True(store.FindJob(job.Id)!.LinesLoaded);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), lines.Select(l => l.LineNumber));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"r{i}"), lines.Select(l => l.CustomId));
        Assert.All(lines, l => Assert.Equal(BatchLineState.Pending, l.State));
        var totals = store.GetTotals(job.Id);
        Assert.Equal(300, totals.Pending);
        Assert.InRange(totals.PendingEstimateUsd, job.EstimatedCostUsd, job.EstimatedCostUsd + 0.000001m);
        Assert.Equal(300, store.ReadLines(job.Id).Count());
    }

    [Fact]
    public void ReadLines_WhenThePlacementLogIsGone_SaysSoInsteadOfReportingNoLines()
    {
        using var store = new SqliteBatchJobStore(_database);
        var job = Plan(store, 5);
        File.Delete(Path.Combine(job.Directory, BatchPlacementLog.FileName));

        var error = Assert.Throws<InvalidDataException>(() => store.ReadLines(job.Id).ToList());

        Assert.Contains("lost its placement log", error.Message, StringComparison.Ordinal);
        Assert.False(store.FindJob(job.Id)!.LinesLoaded);
    }

    [Fact]
    public void Open_AFileFromBeforeThePlacementLog_TreatsItsJobsAsLoaded()
    {
        using (var old = new SqliteConnection($"Data Source={_database};Pooling=false"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE batch_jobs (id TEXT PRIMARY KEY, provider TEXT NOT NULL, fingerprint TEXT NOT NULL, directory TEXT NOT NULL,
                    created_at INTEGER NOT NULL, max_cost INTEGER NULL, estimated_cost INTEGER NOT NULL, lines INTEGER NOT NULL,
                    cancel_requested INTEGER NOT NULL DEFAULT 0);
                INSERT INTO batch_jobs VALUES ('bj_old', 'openai', 'f', '/nowhere', 0, NULL, 0, 0, 0);
                """;
            create.ExecuteNonQuery();
        }

        using var store = new SqliteBatchJobStore(_database);

        Assert.True(store.FindJob("bj_old")!.LinesLoaded);
        Assert.Empty(store.ReadLines("bj_old"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private BatchJob Plan(SqliteBatchJobStore store, int lines)
    {
        var id = "bj_" + Guid.NewGuid().ToString("N")[..8];
        var job = new BatchJob { Id = id, Provider = "openai", Fingerprint = id, Directory = Path.Combine(_directory, id), CreatedAt = DateTimeOffset.UnixEpoch };
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, lines).Select(i =>
            $$$"""{"custom_id":"r{{{i}}}","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi {{{i}}}"}],"max_tokens":16}}""" + "\n")));
        var target = new BatchTarget("openai", new BatchLimits(70, 1 << 20, OneModelPerBatch: true), BatchLineFormat.OpenAIBatch, OpenAIChatCodec.Instance, null);
        var result = new BatchPlanner(target, PriceBook.Default, ByteRatioTokenEstimator.Instance).Plan(new MemoryStream(input), job, store, new BatchPlanOptions());
        Assert.True(result.Accepted);
        return result.Job!;
    }
}
