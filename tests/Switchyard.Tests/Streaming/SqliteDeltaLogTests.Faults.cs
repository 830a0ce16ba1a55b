using System.Globalization;
using Microsoft.Data.Sqlite;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

// The writer runs its own BEGIN/COMMIT: a batch that fails half-way must leave nothing behind and must not wedge the writer.
public sealed partial class SqliteDeltaLogTests
{
    [Fact]
    public async Task FlushAsync_BatchFailsAfterItsFirstRow_ReportsTheErrorRollsBackAndTheWriterGoesOn()
    {
        await using var log = Open(SlowWriter);
        Sql("CREATE TRIGGER refuse_chunks BEFORE INSERT ON event_chunks BEGIN SELECT RAISE(ABORT, 'chunk refused by test'); END;");
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 3);

        var ex = await Assert.ThrowsAsync<SqliteException>(() => log.FlushAsync(Ct));

        Assert.Contains("chunk refused by test", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, log.Transactions);
        Assert.Equal(0L, Convert.ToInt64(Sql("SELECT count(*) FROM streams;"), CultureInfo.InvariantCulture)); // the stream row went too

        // A transaction left open would make the next BEGIN fail ("cannot start a transaction within a transaction").
        Sql("DROP TRIGGER refuse_chunks;");
        var other = await CreateAsync(log);
        log.Append(other, Event(1));
        await Assert.ThrowsAsync<SqliteException>(() => log.FlushAsync(Ct)); // the first failure stays reported, as before
        Assert.Equal(1, log.Transactions);
        Assert.Equal(1, CountChunks(other));
    }

    [Fact]
    public async Task Append_AnEventPerWakeUp_AllocatesNothingOnTheProducerOnceWarm()
    {
        // The producer's side of a live stream: copy into the stream's pooled chunk, queue for the writer, wake it.
        await using var log = Open();
        var id = await CreateAsync(log);
        await AppendEachInItsOwnBatchAsync(log, id, 1, 20);

        long allocated = 0;
        for (var i = 21; i <= 220; i++)
        {
            var committed = log.Transactions;
            var before = GC.GetAllocatedBytesForCurrentThread();
            log.Append(id, i, "delta", TokenEvent);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            while (log.Transactions == committed)
            {
                await Task.Delay(1, Ct);
            }
        }

        Assert.Equal(0, allocated);
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        Assert.Equal(220, (await ReadAllAsync(log, id)).Count);
    }

    [Fact]
    public async Task DisposeAsync_ProducersAndFlushersRacingTheWriter_EveryEventReachesTheFile()
    {
        // Wake-ups and kicks are reused events: a lost one would leave a flush waiting (the timeout) or events unwritten.
        string[] ids;
        await using (var log = Open(new DeltaLogOptions { FlushInterval = TimeSpan.FromMilliseconds(1), MaxBatch = 32 }))
        {
            ids = [await CreateAsync(log), await CreateAsync(log), await CreateAsync(log), await CreateAsync(log)];
            var producers = ids.Select(id => Task.Run(async () =>
            {
                for (var i = 1; i <= 1_000; i++)
                {
                    log.Append(id, Event(i));
                    if (i % 97 == 0)
                    {
                        await log.FlushAsync(Ct);
                    }
                    else if (i % 13 == 0)
                    {
                        await Task.Yield();
                    }
                }
            }, Ct)).ToArray();
            var flusher = Task.Run(async () =>
            {
                for (var i = 0; i < 50; i++)
                {
                    await log.FlushAsync(Ct);
                }
            }, Ct);

            await Task.WhenAll([.. producers, flusher]).WaitAsync(TimeSpan.FromSeconds(60), Ct);
            log.Append(ids[0], Event(1_001)); // queued, not flushed: disposal must still commit it
        }

        await using var reopened = Open();
        AssertSequences(await ReadAllAsync(reopened, ids[0]), 1, 1_001);
        foreach (var id in ids[1..])
        {
            AssertSequences(await ReadAllAsync(reopened, id), 1, 1_000);
        }
    }
}
