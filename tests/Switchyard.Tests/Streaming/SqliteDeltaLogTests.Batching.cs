using System.Diagnostics;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed partial class SqliteDeltaLogTests
{
    [Fact]
    public async Task FlushAsync_ManyAppendsAcrossStreams_AllDurableInFewTransactions()
    {
        string[] ids;
        await using (var log = Open(new DeltaLogOptions { MaxBatch = 64 }))
        {
            ids = [await CreateAsync(log), await CreateAsync(log), await CreateAsync(log)];
            for (var i = 1; i <= 500; i++)
            {
                foreach (var id in ids)
                {
                    log.Append(id, Event(i));
                }
            }

            await log.FlushAsync(Ct);
            Assert.InRange(log.Transactions, 1, 100);

            // At most one chunk per stream per transaction.
            Assert.InRange(CountChunks(), ids.Length, ids.Length * log.Transactions);
        }

        // A fresh instance reads only what reached the file.
        await using var reopened = Open();
        foreach (var id in ids)
        {
            AssertSequences(await ReadAllAsync(reopened, id), 1, 500);
        }
    }

    [Fact]
    public async Task FlushAsync_HundredsOfInterleavedStreams_ChunksStayWholeWithTheDefaultBatch()
    {
        // Hundreds of paced streams interleave their events: a batch cut at a small cap (256 before) splits every stream's
        // run into one row per event or two. With the default cap one gathering is one batch, so each stream gets one chunk.
        await using var log = Open(SlowWriter);
        var ids = new string[300];
        for (var s = 0; s < ids.Length; s++)
        {
            ids[s] = await CreateAsync(log);
        }

        for (var i = 1; i <= 10; i++)
        {
            foreach (var id in ids)
            {
                log.Append(id, Event(i));
            }
        }

        foreach (var id in ids)
        {
            await log.CompleteAsync(id, StreamState.Completed, Ct);
        }

        await log.FlushAsync(Ct);

        // Normally one chunk per stream; a stall of this shared machine past the slow writer's interval may add a split.
        Assert.InRange(CountChunks(), ids.Length, ids.Length * 2);
        AssertSequences(await ReadAllAsync(log, ids[^1]), 1, 10);
    }

    [Fact]
    public async Task Append_TenThousandEvents_NeverOneTransactionPerEvent()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        var payload = new byte[200];
        var clock = Stopwatch.StartNew();

        for (var i = 1; i <= 10_000; i++)
        {
            log.Append(id, new StreamEventRecord(i, "delta", payload));
        }

        var appendTime = clock.Elapsed;
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        await log.FlushAsync(Ct);

        Assert.True(appendTime < TimeSpan.FromSeconds(2), $"10k appends took {appendTime}.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"10k appends and flush took {clock.Elapsed}.");
        // At least one transaction per full batch; far fewer than one per event.
        var fullBatches = 10_000 / new DeltaLogOptions().MaxBatch;
        Assert.InRange(log.Transactions, fullBatches, 1_000);
        Assert.InRange(CountChunks(id), fullBatches, log.Transactions);
        Assert.Equal(10_000, (await ReadAllAsync(log, id)).Count);
    }

    [Fact]
    public async Task Writer_ARowPerEvent_AllocatesNothingPerRowOnceWarm()
    {
        // A live token stream slower than the writer's flush interval commits one row per event: that row must not allocate.
        await using var log = Open();
        var id = await CreateAsync(log);
        var big = new byte[4096]; // over the compression threshold, so sealing compresses
        for (var i = 1; i <= 20; i++)
        {
            log.Append(id, i, "delta", i % 2 == 0 ? big : TokenEvent);
            await log.FlushAsync(Ct);
        }

        var before = log.ChunkInsertAllocations;
        for (var i = 21; i <= 220; i++)
        {
            log.Append(id, i, "delta", i % 2 == 0 ? big : TokenEvent);
            await log.FlushAsync(Ct);
        }

        Assert.Equal(0, log.ChunkInsertAllocations - before);
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        Assert.Equal(220, (await ReadAllAsync(log, id)).Count);
    }

    [Fact]
    public async Task Writer_AWakeUpPerEvent_AllocatesNothingOnItsThreadOnceWarm()
    {
        // A live stream slower than the flush interval wakes the writer once per event, and each wake-up gathers for the
        // interval and commits its own transaction. The writer owns a dedicated thread, so the bytes that thread allocated
        // between two commits are everything the loop allocated: waiting, gathering, the transaction, the row, the
        // bookkeeping after it. (GC.GetTotalAllocatedBytes would also count the test runner and the tests running beside.)
        await using var log = Open();
        var id = await CreateAsync(log);
        await AppendEachInItsOwnBatchAsync(log, id, 1, 20);

        var before = log.WriterAllocations;
        var transactions = log.Transactions;
        await AppendEachInItsOwnBatchAsync(log, id, 21, 220);

        Assert.Equal(200, log.Transactions - transactions);
        Assert.Equal(0, log.WriterAllocations - before);
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        Assert.Equal(220, (await ReadAllAsync(log, id)).Count);
    }

    // One content chunk of a token stream, as the allocation tests append it event after event.
    private static readonly byte[] TokenEvent = System.Text.Encoding.UTF8.GetBytes("""{"choices":[{"index":0,"delta":{"content":" token"}}]}""");

    // Appends TokenEvent as each event once the one before it is committed, without flushing: the writer wakes up on its own.
    private static async Task AppendEachInItsOwnBatchAsync(SqliteDeltaLog log, string id, long from, long to)
    {
        for (var i = from; i <= to; i++)
        {
            var committed = log.Transactions;
            log.Append(id, i, "delta", TokenEvent);
            while (log.Transactions == committed)
            {
                await Task.Delay(1, Ct);
            }
        }
    }
}
