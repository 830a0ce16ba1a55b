using Microsoft.Extensions.Logging;
using Switchyard.Hosting.Memory;
using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Hosting.Tests.Memory;

/// <summary>The recorder behind memory sessions: turns are queued off the request path, and a full queue drops them openly.</summary>
public sealed class MemoryRecorderTests
{
    private static readonly IReadOnlyList<ChatMessage> Turn = [ChatMessage.FromText(ChatRole.User, "Hello.")];

    [Fact]
    public async Task FullQueue_DropsTurnsWithAWarning_AndLeavesNoSessionWaiting()
    {
        var memory = new GatedMemory();
        var logger = new WarningCounter();
        var recorder = new MemoryRecorder(memory, capacity: 1, logger);
        var keys = Enumerable.Range(0, 6).Select(i => new MemorySessionKey("tenant", $"s{i}")).ToArray();

        // The worker holds the first turns it takes, so at most one more fits the queue and the rest must be dropped.
        recorder.Enqueue(keys[0], () => Task.FromResult(Turn));
        await memory.FirstRecordingStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        foreach (var key in keys[1..])
        {
            recorder.Enqueue(key, () => Task.FromResult(Turn));
        }

        await WaitUntilAsync(() => logger.Warnings >= keys.Length - 2);
        memory.Release.SetResult();
        await WaitUntilAsync(() => memory.Recorded + logger.Warnings == keys.Length);

        Assert.Equal(keys.Length, memory.Recorded + logger.Warnings);
        Assert.Equal(keys.Length - 2, logger.Warnings);

        // No dropped session stays pending: a request continuing any of them does not wait for turns that never come.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        foreach (var key in keys)
        {
            await recorder.WaitForSessionAsync(key, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"waited {waited.Elapsed} for sessions with nothing left to record");

        await recorder.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, limit.Token);
        }
    }

    private sealed class GatedMemory : IAgentMemory
    {
        private int _recorded;

        public TaskCompletionSource FirstRecordingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Recorded => Volatile.Read(ref _recorded);

        public async Task<MemoryUpdate> RecordAsync(MemorySessionKey key, IReadOnlyList<ChatMessage> turns, CancellationToken cancellationToken)
        {
            FirstRecordingStarted.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            Interlocked.Increment(ref _recorded);
            return new MemoryUpdate();
        }

        public Task<AssembledContext> AssembleAsync(MemorySessionKey key, ContextRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<MemoryItem>> ListMemoriesAsync(MemorySessionKey key, long afterId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> DeleteMemoryAsync(MemorySessionKey key, long id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SessionDeletion> DeleteSessionAsync(MemorySessionKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class WarningCounter : ILogger
    {
        private int _warnings;

        public int Warnings => Volatile.Read(ref _warnings);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && formatter(state, exception).Contains("queue full", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _warnings);
            }
        }
    }
}
