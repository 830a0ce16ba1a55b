using System.Collections.Concurrent;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// Stored responses whose stores are not written yet. A non-streamed answer reaches the client before the gateway
/// writes it to the stream log and the conversation store (so that storing adds nothing to its latency), and a streamed
/// one is recorded after its last event: a client that reads the answer and at once continues it
/// (<c>previous_response_id</c>), fetches it, lists its input items or deletes it would find nothing. A lookup that
/// misses asks <see cref="WaitAsync"/>, which waits for the same tenant's id to be stored, then looks again.
/// </summary>
internal sealed class StoringResponses
{
    /// <summary>The longest a lookup waits for a response still being generated or stored.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Tenant, string Id), TaskCompletionSource> _storing = new();

    /// <summary>Marks <paramref name="id"/> as being generated and stored until the result is disposed.</summary>
    public Storing Begin(string tenant, string id)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _storing[(tenant, id)] = done;
        return new Storing(this, (tenant, id), done);
    }

    /// <summary>
    /// Waits (at most <see cref="MaxWait"/>) until <paramref name="id"/> of <paramref name="tenant"/> is stored; false at
    /// once when it is not being stored, so there is no point in looking again.
    /// </summary>
    public async Task<bool> WaitAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (!_storing.TryGetValue((tenant, id), out var done))
        {
            return false;
        }

        try
        {
            await done.Task.WaitAsync(MaxWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still generating: the caller looks again and answers with what there is.
        }

        return true;
    }

    /// <summary>Ends the mark when disposed: the response is stored (or will not be).</summary>
    internal readonly struct Storing(StoringResponses owner, (string, string) key, TaskCompletionSource done) : IDisposable
    {
        public void Dispose()
        {
            owner?._storing.TryRemove(KeyValuePair.Create(key, done));
            done?.TrySetResult();
        }
    }
}
