using System.Globalization;
using Microsoft.Data.Sqlite;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed partial class SqliteDeltaLogTests
{
    // Version 1's schema as it shipped, for the migration tests.
    private const string SchemaV1 = """
        CREATE TABLE streams (
            id TEXT PRIMARY KEY, tenant TEXT NOT NULL, front_door TEXT NOT NULL, created_ms INTEGER NOT NULL,
            state INTEGER NOT NULL, ended_ms INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX streams_ended ON streams (state, ended_ms);
        CREATE TABLE events (
            stream_id TEXT NOT NULL, sequence INTEGER NOT NULL, event_type TEXT, data BLOB NOT NULL,
            PRIMARY KEY (stream_id, sequence)
        ) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """;

    private object? Sql(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }

    private long CountChunks(string? streamId = null) => Convert.ToInt64(
        streamId is null
            ? Sql("SELECT count(*) FROM event_chunks;")
            : Sql("SELECT count(*) FROM event_chunks WHERE stream_id = $id;", ("$id", streamId)),
        CultureInfo.InvariantCulture);

    [Fact]
    public async Task ReadAsync_AfterEverySequenceAcrossChunks_ReturnsExactlyTheLaterEvents()
    {
        string id;
        await using (var log = Open())
        {
            id = await CreateAsync(log);
            AppendRange(log, id, 1, 10);
            await log.FlushAsync(Ct);
            AppendRange(log, id, 11, 17);
            await log.FlushAsync(Ct);
            AppendRange(log, id, 18, 18);
            await log.CompleteAsync(id, StreamState.Completed, Ct);
            await log.FlushAsync(Ct);
        }

        Assert.Equal(3, CountChunks(id));
        await using var reopened = Open();
        for (var after = 0; after <= 18; after++)
        {
            AssertSequences(await ReadAllAsync(reopened, id, after: after), after + 1, 18);
        }
    }

    [Fact]
    public async Task FlushAsync_EventsOfOneBatch_OneChunkPerStream()
    {
        await using var log = Open(SlowWriter);
        var a = await CreateAsync(log);
        var b = await CreateAsync(log);
        for (var i = 1; i <= 32; i++)
        {
            log.Append(a, Event(i));
            log.Append(b, Event(i));
        }

        await log.CompleteAsync(a, StreamState.Completed, Ct);
        await log.FlushAsync(Ct);

        // Normally one transaction; a stall of this shared machine past the 1 s interval may split it, never per event.
        Assert.InRange(CountChunks(a), 1, log.Transactions);
        Assert.InRange(CountChunks(b), 1, log.Transactions);
        AssertSequences(await ReadAllAsync(log, a, after: 16), 17, 32);
    }

    [Fact]
    public async Task ReadAsync_ChunkCutShortInTheFile_ThrowsInvalidData()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 5);
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        await log.FlushAsync(Ct);

        Sql("UPDATE event_chunks SET data = substr(data, 1, length(data) - 3) WHERE stream_id = $id;", ("$id", id));

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(log, id));
    }

    [Fact]
    public async Task ReadAsync_ChunkHoldsOtherSequencesThanItsRow_ThrowsInvalidData()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 5);
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        await log.FlushAsync(Ct);

        Sql("UPDATE event_chunks SET last_sequence = 6 WHERE stream_id = $id;", ("$id", id));

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(log, id));
    }

    [Fact]
    public async Task PurgeAsync_ExpiredStream_DeletesItsChunks()
    {
        await using var log = Open();
        var old = await CreateAsync(log);
        AppendRange(log, old, 1, 3);
        await log.CompleteAsync(old, StreamState.Completed, Ct);
        await log.FlushAsync(Ct);
        AppendRange(log, await CreateAsync(log), 1, 3);
        await log.FlushAsync(Ct);
        Assert.Equal(1, CountChunks(old));
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(1, await log.PurgeExpiredAsync(Ct));

        Assert.Equal(0, CountChunks(old));
        Assert.Equal(1, CountChunks());
    }

    [Fact]
    public async Task Open_VersionOneFile_ConvertsEventsToChunksAndKeepsEverySemantic()
    {
        string completed = StreamIds.New(), open = StreamIds.New();
        Sql(SchemaV1);
        Sql("INSERT INTO streams VALUES ($id, 'acme', 'openai-chat', 1, 1, 2);", ("$id", completed));
        Sql("INSERT INTO streams VALUES ($id, 'acme', 'openai-chat', 1, 0, NULL);", ("$id", open));
        foreach (var (id, count) in new[] { (completed, 12), (open, 4) })
        {
            for (var i = 1; i <= count; i++)
            {
                var e = Event(i);
                Sql("INSERT INTO events VALUES ($id, $seq, $type, $data);",
                    ("$id", id), ("$seq", e.Sequence), ("$type", (object?)e.EventType ?? DBNull.Value), ("$data", e.Data.ToArray()));
            }
        }

        await using var log = Open();

        Assert.Equal(2L, Sql("PRAGMA user_version;"));
        Assert.Equal(0L, Sql("SELECT count(*) FROM sqlite_master WHERE name IN ('events', 'events_v1');"));
        Assert.Equal(16, CountChunks());
        Assert.Equal(StreamState.Completed, await log.GetStateAsync(completed, "acme", Ct));
        Assert.Equal(StreamState.Interrupted, await log.GetStateAsync(open, "acme", Ct));
        AssertSequences(await ReadAllAsync(log, completed), 1, 12);
        AssertSequences(await ReadAllAsync(log, completed, after: 7), 8, 12);
        AssertSequences(await ReadAllAsync(log, open), 1, 4);
        Assert.Empty(await ReadAllAsync(log, completed, "intruder"));
    }

    [Fact]
    public void Open_FileOfANewerVersion_ThrowsNotSupported()
    {
        Sql($"PRAGMA user_version = {DeltaLogSchema.Version + 1};");

        var ex = Assert.Throws<NotSupportedException>(() => Open());
        Assert.Contains($"version {DeltaLogSchema.Version + 1}", ex.Message, StringComparison.Ordinal);
    }
}
