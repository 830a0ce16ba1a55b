using System.Collections.Concurrent;
using Switchyard.Failures;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// Background responses (<c>background: true</c>) running in this process: what <c>GET /v1/responses/{id}</c> answers
/// before the first event is logged, and how <c>POST /v1/responses/{id}/cancel</c> stops one. Thread-safe.
/// </summary>
internal sealed class BackgroundResponses
{
    private readonly ConcurrentDictionary<string, BackgroundResponse> _running = new(StringComparer.Ordinal);

    /// <summary>Registers a new background response.</summary>
    public BackgroundResponse Add(string id, string tenant, string model, DateTimeOffset createdAt, TimeSpan deadline)
    {
        var entry = new BackgroundResponse(id, tenant, model, createdAt, deadline);
        _running[id] = entry;
        return entry;
    }

    /// <summary>The running response <paramref name="id"/> of <paramref name="tenant"/>, or null.</summary>
    public BackgroundResponse? Find(string id, string tenant) =>
        _running.TryGetValue(id, out var entry) && entry.Tenant == tenant ? entry : null;

    /// <summary>Forgets a response whose generation ended (the delta log answers for it from now on).</summary>
    public void Remove(BackgroundResponse entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _running.TryRemove(new KeyValuePair<string, BackgroundResponse>(entry.Id, entry));
        entry.Dispose();
    }

    /// <summary>Stops every running response (shutdown).</summary>
    public void CancelAll()
    {
        foreach (var entry in _running.Values)
        {
            entry.Cancel();
        }
    }
}

/// <summary>One background response in flight.</summary>
internal sealed class BackgroundResponse(string id, string tenant, string model, DateTimeOffset createdAt, TimeSpan deadline) : IDisposable
{
    private readonly CancellationTokenSource _stop = new(deadline);
    private readonly TaskCompletionSource<Failure?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id => id;

    public string Tenant => tenant;

    public string Model => model;

    public DateTimeOffset CreatedAt => createdAt;

    /// <summary>Whether a client cancelled it.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>Stops the generation when cancelled or past the deadline.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Completes with null once its stream exists in the delta log, or with the failure that ended it before.</summary>
    public Task<Failure?> Started => _started.Task;

    public void MarkStarted() => _started.TrySetResult(null);

    public void MarkFailed(Failure failure) => _started.TrySetResult(failure);

    public void Cancel()
    {
        Cancelled = true;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    public void Dispose()
    {
        _started.TrySetResult(null);
        _stop.Dispose();
    }
}
