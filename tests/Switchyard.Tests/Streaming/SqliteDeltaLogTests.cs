using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Streaming;
using Switchyard.Tests.Storage;

namespace Switchyard.Tests.Streaming;

public sealed partial class SqliteDeltaLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 10, 20, 0, TimeSpan.Zero);

    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    private SqliteDeltaLog Open(DeltaLogOptions? options = null) => new(_database.Path, _time, options);

    private async Task<string> CreateAsync(SqliteDeltaLog log, string tenant = "acme")
    {
        var id = StreamIds.New();
        await log.CreateAsync(new StreamHeader(id, tenant, "openai-chat", _time.GetUtcNow()), Ct);
        return id;
    }

    private static StreamEventRecord Event(long sequence) =>
        new(sequence, sequence % 2 == 0 ? null : "delta", Encoding.UTF8.GetBytes($"{{\"n\":{sequence}}}"));

    private static void AppendRange(SqliteDeltaLog log, string id, long from, long to)
    {
        for (var i = from; i <= to; i++)
        {
            log.Append(id, Event(i));
        }
    }

    private static async Task<List<StreamEventRecord>> ReadAllAsync(SqliteDeltaLog log, string id, string tenant = "acme", long after = 0)
    {
        var events = new List<StreamEventRecord>();
        await foreach (var record in log.ReadAsync(id, tenant, after, Ct))
        {
            events.Add(record);
        }

        return events;
    }

    private static void AssertSequences(IEnumerable<StreamEventRecord> events, long from, long to)
    {
        var list = events.ToList();
        Assert.Equal(Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i), list.Select(e => e.Sequence));
        foreach (var e in list)
        {
            Assert.Equal(Event(e.Sequence).EventType, e.EventType);
            Assert.Equal(Event(e.Sequence).Data.ToArray(), e.Data.ToArray());
        }
    }

    [Fact]
    public async Task ReadAsync_CompletedStream_ReturnsEveryEventInOrder()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 20);
        await log.CompleteAsync(id, StreamState.Completed, Ct);

        AssertSequences(await ReadAllAsync(log, id), 1, 20);
        Assert.Equal(StreamState.Completed, await log.GetStateAsync(id, "acme", Ct));
    }

    [Fact]
    public async Task ReadAsync_AfterSequence_ReturnsExactlyTheLaterEvents()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 10);
        await log.CompleteAsync(id, StreamState.Completed, Ct);

        AssertSequences(await ReadAllAsync(log, id, after: 4), 5, 10);
        Assert.Empty(await ReadAllAsync(log, id, after: 10));
    }

    [Fact]
    public async Task GetHeaderAsync_OwnTenant_ReturnsHeaderAsCreated()
    {
        await using var log = Open();
        var header = new StreamHeader(StreamIds.New(), "acme", "anthropic-messages", Start);
        await log.CreateAsync(header, Ct);

        Assert.Equal(header, await log.GetHeaderAsync(header.StreamId, "acme", Ct));
        Assert.Equal(StreamState.Open, await log.GetStateAsync(header.StreamId, "acme", Ct));
        Assert.Null(await log.GetHeaderAsync(StreamIds.New(), "acme", Ct));
    }

    [Fact]
    public async Task ReadAsync_AnotherTenant_GetsNothingWhetherOpenOrCompleted()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 5);
        await log.FlushAsync(Ct);

        Assert.Null(await log.GetHeaderAsync(id, "intruder", Ct));
        Assert.Null(await log.GetStateAsync(id, "intruder", Ct));
        Assert.Empty(await ReadAllAsync(log, id, "intruder"));

        await log.CompleteAsync(id, StreamState.Completed, Ct);
        Assert.Null(await log.GetHeaderAsync(id, "intruder", Ct));
        Assert.Empty(await ReadAllAsync(log, id, "intruder"));
        AssertSequences(await ReadAllAsync(log, id), 1, 5);
    }

    [Fact]
    public async Task Open_AfterProcessStoppedWithoutComplete_EventsReadableStreamEndsAndIsInterrupted()
    {
        string id;
        await using (var crashed = Open())
        {
            id = await CreateAsync(crashed);
            AppendRange(crashed, id, 1, 30);
        }

        await using var log = Open();

        Assert.Equal(StreamState.Interrupted, await log.GetStateAsync(id, "acme", Ct));
        AssertSequences(await ReadAllAsync(log, id), 1, 30);
        AssertSequences(await ReadAllAsync(log, id, after: 25), 26, 30);
    }

    [Fact]
    public async Task PurgeAsync_StreamsEndedBeforeCutoff_DeletesThemAndTheirEventsOnly()
    {
        await using var log = Open();
        var old = await CreateAsync(log);
        AppendRange(log, old, 1, 3);
        await log.CompleteAsync(old, StreamState.Completed, Ct);
        _time.Advance(TimeSpan.FromHours(2));
        var recent = await CreateAsync(log);
        AppendRange(log, recent, 1, 3);
        await log.CompleteAsync(recent, StreamState.Failed, Ct);
        var open = await CreateAsync(log);

        Assert.Equal(1, await log.PurgeExpiredAsync(Ct));

        Assert.Null(await log.GetHeaderAsync(old, "acme", Ct));
        Assert.Empty(await ReadAllAsync(log, old));
        AssertSequences(await ReadAllAsync(log, recent), 1, 3);
        Assert.NotNull(await log.GetHeaderAsync(open, "acme", Ct));
        Assert.Equal(0, await log.PurgeAsync(Start, Ct));
    }

    [Fact]
    public async Task Append_SequenceDoesNotIncrease_Throws()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        log.Append(id, Event(5));

        Assert.Throws<InvalidOperationException>(() => log.Append(id, Event(5)));
        Assert.Throws<InvalidOperationException>(() => log.Append(id, Event(4)));
    }

    [Fact]
    public async Task Append_UnknownOrCompletedStream_Throws()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        await log.CompleteAsync(id, StreamState.Completed, Ct);

        Assert.Throws<InvalidOperationException>(() => log.Append(id, Event(1)));
        Assert.Throws<InvalidOperationException>(() => log.Append(StreamIds.New(), Event(1)));
    }

    [Fact]
    public async Task Append_CallerReusesBuffer_LoggedBytesUnchanged()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        var buffer = Encoding.UTF8.GetBytes("first");
        log.Append(id, new StreamEventRecord(1, null, buffer));
        buffer.AsSpan().Fill((byte)'x');
        await log.CompleteAsync(id, StreamState.Completed, Ct);

        Assert.Equal("first", Encoding.UTF8.GetString(Assert.Single(await ReadAllAsync(log, id)).Data.Span));
    }
}
