using Microsoft.Data.Sqlite;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

// CreateAsync and CompleteAsync only queue for the writer; readers in this process must not notice the difference.
public sealed partial class SqliteDeltaLogTests
{
    // Long enough that nothing commits while a test looks, unless it flushes.
    private static readonly DeltaLogOptions SlowWriter = new() { FlushInterval = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task CompleteAsync_BeforeTheWriterCommits_StreamServedFromMemoryThenCommittedInOneTransaction()
    {
        await using var log = Open(SlowWriter);
        var header = new StreamHeader(StreamIds.New(), "acme", "openai-chat", Start);
        await log.CreateAsync(header, Ct);
        AppendRange(log, header.StreamId, 1, 5);
        await log.CompleteAsync(header.StreamId, StreamState.Failed, Ct);

        Assert.Equal(0, log.Transactions);
        Assert.Equal(header, await log.GetHeaderAsync(header.StreamId, "acme", Ct));
        Assert.Equal(StreamState.Failed, await log.GetStateAsync(header.StreamId, "acme", Ct));
        Assert.Null(await log.GetStateAsync(header.StreamId, "intruder", Ct));
        AssertSequences(await ReadAllAsync(log, header.StreamId), 1, 5);

        await log.FlushAsync(Ct);

        Assert.Equal(1, log.Transactions);
        Assert.Equal(StreamState.Failed, await log.GetStateAsync(header.StreamId, "acme", Ct));
        AssertSequences(await ReadAllAsync(log, header.StreamId, after: 2), 3, 5);
    }

    [Fact]
    public async Task GetStateAsync_UnknownStreamWhileOthersAreQueued_Null()
    {
        await using var log = Open(SlowWriter);
        var queued = await CreateAsync(log);
        AppendRange(log, queued, 1, 3);

        var unknown = StreamIds.New();
        Assert.Null(await log.GetStateAsync(unknown, "acme", Ct));
        Assert.Null(await log.GetHeaderAsync(unknown, "acme", Ct));
        Assert.Empty(await ReadAllAsync(log, unknown));
        Assert.Equal(StreamState.Open, await log.GetStateAsync(queued, "acme", Ct));
    }

    [Fact]
    public async Task CompleteAsync_ThenDispose_ReopenedStreamIsCompletedNotInterrupted()
    {
        string id;
        await using (var first = Open(SlowWriter))
        {
            id = await CreateAsync(first);
            AppendRange(first, id, 1, 4);
            await first.CompleteAsync(id, StreamState.Completed, Ct);
        }

        await using var log = Open();

        Assert.Equal(StreamState.Completed, await log.GetStateAsync(id, "acme", Ct));
        AssertSequences(await ReadAllAsync(log, id), 1, 4);
    }

    [Fact]
    public async Task CreateAsync_ThenDisposeWithoutComplete_ReopenedStreamExistsAndIsInterrupted()
    {
        string id;
        await using (var crashed = Open(SlowWriter))
        {
            id = await CreateAsync(crashed);
        }

        await using var log = Open();

        Assert.NotNull(await log.GetHeaderAsync(id, "acme", Ct));
        Assert.Equal(StreamState.Interrupted, await log.GetStateAsync(id, "acme", Ct));
        Assert.Empty(await ReadAllAsync(log, id));
    }

    [Fact]
    public async Task CompleteAsync_Twice_FirstStateStands()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        await log.CompleteAsync(id, StreamState.Failed, Ct);
        await log.FlushAsync(Ct);

        Assert.Equal(StreamState.Completed, await log.GetStateAsync(id, "acme", Ct));
    }

    [Fact]
    public async Task CreateAsync_SameIdWhileCompletionIsQueued_Throws()
    {
        await using var log = Open(SlowWriter);
        var header = new StreamHeader(StreamIds.New(), "acme", "openai-chat", Start);
        await log.CreateAsync(header, Ct);
        await log.CompleteAsync(header.StreamId, StreamState.Completed, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.CreateAsync(header, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FlushAsync_StreamEndsInItsFirstBatchOrALaterOne_RowHoldsTheStateAndEndTime(bool endInALaterBatch)
    {
        await using var log = Open(SlowWriter);
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 3);
        if (endInALaterBatch)
        {
            await log.FlushAsync(Ct);
            Assert.Equal((0L, (long?)null), ReadStreamRow(id));
        }

        _time.Advance(TimeSpan.FromSeconds(7));
        await log.CompleteAsync(id, StreamState.Failed, Ct);
        await log.FlushAsync(Ct);

        Assert.Equal(((long)StreamState.Failed, Start.AddSeconds(7).ToUnixTimeMilliseconds()), ReadStreamRow(id));
        Assert.Equal(endInALaterBatch ? 2 : 1, log.Transactions);
        AssertSequences(await ReadAllAsync(log, id), 1, 3);
    }

    // The row as the file holds it, read through a connection of its own.
    private (long State, long? EndedMs) ReadStreamRow(string id)
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, ended_ms FROM streams WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }
}
