using Switchyard.Streaming;

namespace Switchyard.Storage;

public sealed partial class SqliteIdempotencyStore
{
    // One signal per (tenant, key) that has waiters, counted so the last waiter to leave removes it; a change completes
    // and removes it, and the next wait makes a new one.
    private readonly Dictionary<(string Tenant, string Key), Waiters> _waiters = [];

    /// <inheritdoc />
    /// <remarks>
    /// Woken at once by <see cref="AttachStreamAsync"/>, <see cref="CompleteAsync"/> and <see cref="AbandonAsync"/> on this
    /// instance, and re-reads the record every <see cref="IdempotencyStoreOptions.PollInterval"/> besides. Time is measured
    /// on the store's <see cref="TimeProvider"/>.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed while waiting.</exception>
    public async Task<IdempotencyRecord?> WaitForCompletionAsync(string tenant, string key, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        var deadline = _time.GetUtcNow() + timeout;
        var id = (tenant, key);
        while (true)
        {
            // Registered before the read, so a change after the read always completes this signal.
            var waiters = Register(id);
            try
            {
                var record = await GetAsync(tenant, key, ct).ConfigureAwait(false);
                var remaining = deadline - _time.GetUtcNow();
                if (record is null || record.State == IdempotencyState.Completed || record.StreamId is not null || remaining <= TimeSpan.Zero)
                {
                    return record;
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct);
                await Task.WhenAny(
                    waiters.Signal.Task,
                    Task.Delay(remaining < _options.PollInterval ? remaining : _options.PollInterval, _time, poll.Token)).ConfigureAwait(false);
                await poll.CancelAsync().ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }
            finally
            {
                Unregister(id, waiters);
            }
        }
    }

    private Waiters Register((string Tenant, string Key) id)
    {
        lock (_waiters)
        {
            if (!_waiters.TryGetValue(id, out var waiters))
            {
                waiters = new Waiters();
                _waiters.Add(id, waiters);
            }

            waiters.Count++;
            return waiters;
        }
    }

    private void Unregister((string Tenant, string Key) id, Waiters waiters)
    {
        lock (_waiters)
        {
            if (--waiters.Count == 0 && _waiters.TryGetValue(id, out var current) && current == waiters)
            {
                _waiters.Remove(id);
            }
        }
    }

    private void Wake(string tenant, string key)
    {
        Waiters? waiters;
        lock (_waiters)
        {
            _waiters.Remove((tenant, key), out waiters);
        }

        waiters?.Signal.TrySetResult();
    }

    private void WakeAll()
    {
        Waiters[] all;
        lock (_waiters)
        {
            all = [.. _waiters.Values];
            _waiters.Clear();
        }

        foreach (var waiters in all)
        {
            waiters.Signal.TrySetResult();
        }
    }

    private sealed class Waiters
    {
        public TaskCompletionSource Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get; set; }
    }
}
