using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Hosting.Memory;

/// <summary>
/// Remembers settled turns off the request path: requests enqueue (never wait), one background worker records in order
/// (store, index, summarize). A full queue drops the turns with a warning rather than delay a caller. A request that
/// continues a session may wait a little for that session's turns still queued (<see cref="WaitForSessionAsync"/>).
/// Disposing drains the queue first (bounded by <see cref="DrainLimit"/>).
/// </summary>
internal sealed partial class MemoryRecorder : IAsyncDisposable
{
    private readonly Channel<(MemorySessionKey Key, IReadOnlyList<ChatMessage> Turns)> _queue;
    private readonly ConcurrentDictionary<MemorySessionKey, int> _pending = new();
    private readonly IAgentMemory _memory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    public MemoryRecorder(IAgentMemory memory, int capacity, ILogger logger)
    {
        _memory = memory;
        _logger = logger;
        _queue = Channel.CreateBounded<(MemorySessionKey, IReadOnlyList<ChatMessage>)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,

            // Not DropWrite: its TryWrite reports success for the turns it drops, which would then stay pending (every
            // later request of the session waiting its full limit for them) and never be logged. With Wait, TryWrite
            // says false when full; nothing here ever waits to write.
            FullMode = BoundedChannelFullMode.Wait,
        });
        _worker = Task.Run(RunAsync);
    }

    /// <summary>What the last recording reported as degraded, by session (for tests and the admin API); null when fine.</summary>
    public ConcurrentDictionary<MemorySessionKey, MemoryUpdate> LastUpdates { get; } = new();

    /// <summary>
    /// Queues the turns <paramref name="turns"/> produces for <paramref name="key"/>; the session counts as pending at once,
    /// so a request continuing it waits for them. Returns at once; turns that do not fit the queue are dropped (logged).
    /// </summary>
    public void Enqueue(MemorySessionKey key, Func<Task<IReadOnlyList<ChatMessage>>> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        _pending.AddOrUpdate(key, 1, static (_, n) => n + 1);
        _ = Task.Run(async () =>
        {
            IReadOnlyList<ChatMessage> list = [];
            try
            {
                list = await turns();
            }
#pragma warning disable CA1031 // Reading the answer back must never surface anywhere; the turns are then not remembered.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRecordFailed(_logger, ex, key.Tenant);
            }

            if (list.Count == 0)
            {
                Done(key);
            }
            else if (!_queue.Writer.TryWrite((key, list)))
            {
                Done(key);
                LogDropped(_logger, key.Tenant);
            }
        });
    }

    /// <summary>Waits until no turns of <paramref name="key"/> are queued or being recorded, at most <paramref name="limit"/>.</summary>
    public async Task WaitForSessionAsync(MemorySessionKey key, TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (_pending.TryGetValue(key, out var n) && n > 0 && Environment.TickCount64 < until)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>How long shutdown waits for queued turns to be recorded before it gives up on the rest.</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Drains, then stops: waits (at most <see cref="DrainLimit"/>) until every enqueued turn — still being read back
    /// or already queued — is recorded, so a graceful shutdown loses no turns; then stops the worker. Turns still
    /// waiting after the limit are lost, and logged.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var until = Environment.TickCount64 + (long)DrainLimit.TotalMilliseconds;
        while (!_pending.IsEmpty && Environment.TickCount64 < until)
        {
            await Task.Delay(10);
        }

        if (!_pending.IsEmpty)
        {
            LogNotDrained(_logger, _pending.Count);
        }

        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _worker;
        }
        catch (OperationCanceledException)
        {
            // Past the drain limit: the rest of the queue is lost (logged above).
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var (key, turns) in _queue.Reader.ReadAllAsync(_stop.Token))
        {
            try
            {
                LastUpdates[key] = await _memory.RecordAsync(key, turns, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The worker must outlive any one failed recording; the turns are lost and that is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRecordFailed(_logger, ex, key.Tenant);
            }
            finally
            {
                Done(key);
            }
        }
    }

    private void Done(MemorySessionKey key)
    {
        if (_pending.AddOrUpdate(key, 0, static (_, n) => n - 1) <= 0)
        {
            _pending.TryRemove(new KeyValuePair<MemorySessionKey, int>(key, 0));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory shutdown: turns of {Sessions} sessions were not recorded within the drain limit")]
    private static partial void LogNotDrained(ILogger logger, int sessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory queue full: turns of a session of tenant {Tenant} were not remembered")]
    private static partial void LogDropped(ILogger logger, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory could not record turns of a session of tenant {Tenant}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string tenant);
}
