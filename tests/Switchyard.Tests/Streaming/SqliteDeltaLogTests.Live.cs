using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed partial class SqliteDeltaLogTests
{
    [Fact]
    public async Task ReadAsync_ReaderJoinsMidStream_GetsEveryLaterEventOnceAndEndsAtComplete()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 20);
        await log.FlushAsync(Ct);
        AppendRange(log, id, 21, 30); // Likely still pending in memory when the reader joins.

        var reader = Task.Run(() => ReadAllAsync(log, id, after: 10), Ct);
        for (var i = 31; i <= 300; i++)
        {
            log.Append(id, Event(i));
            if (i % 50 == 0)
            {
                await Task.Delay(5, Ct);
            }
        }

        await log.CompleteAsync(id, StreamState.Completed, Ct);

        AssertSequences(await reader.WaitAsync(TimeSpan.FromSeconds(10), Ct), 11, 300);
    }

    [Fact]
    public async Task ReadAsync_OpenStream_WaitsForLiveEventsUntilComplete()
    {
        await using var log = Open();
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 3);

        await using var enumerator = log.ReadAsync(id, "acme", 0, Ct).GetAsyncEnumerator(Ct);
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(await enumerator.MoveNextAsync());
            Assert.Equal(i, enumerator.Current.Sequence);
        }

        var next = enumerator.MoveNextAsync().AsTask();
        await Task.Delay(50, Ct);
        Assert.False(next.IsCompleted);

        log.Append(id, Event(4));
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(4, enumerator.Current.Sequence);

        var end = enumerator.MoveNextAsync().AsTask();
        await log.CompleteAsync(id, StreamState.Completed, Ct);
        Assert.False(await end.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task ReadAsync_TwoConcurrentReaders_EachGetsEveryEventOnce()
    {
        await using var log = Open(new DeltaLogOptions { MaxBatch = 16 });
        var id = await CreateAsync(log);
        AppendRange(log, id, 1, 5);

        var first = Task.Run(() => ReadAllAsync(log, id), Ct);
        var second = Task.Run(() => ReadAllAsync(log, id, after: 2), Ct);
        for (var i = 6; i <= 500; i++)
        {
            log.Append(id, Event(i));
            if (i % 100 == 0)
            {
                await Task.Delay(2, Ct);
            }
        }

        await log.CompleteAsync(id, StreamState.Completed, Ct);

        AssertSequences(await first.WaitAsync(TimeSpan.FromSeconds(10), Ct), 1, 500);
        AssertSequences(await second.WaitAsync(TimeSpan.FromSeconds(10), Ct), 3, 500);
    }

    [Fact]
    public async Task DisposeAsync_LiveReaderWaiting_ReaderEnds()
    {
        var log = Open();
        var id = await CreateAsync(log);
        log.Append(id, Event(1));
        var reader = Task.Run(() => ReadAllAsync(log, id), Ct);
        await Task.Delay(50, Ct);

        await log.DisposeAsync();

        Assert.Single(await reader.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }
}
