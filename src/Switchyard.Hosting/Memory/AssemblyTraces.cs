using System.Collections.Concurrent;
using Switchyard.Memory;

namespace Switchyard.Hosting.Memory;

/// <summary>
/// What memory assembled for recent requests, by tenant and request id (and response id on the Responses door), for
/// <c>GET /admin/memory/assembled/{id}</c>. Bounded: the oldest entries go first. Thread-safe.
/// </summary>
internal sealed class AssemblyTraces(int capacity = AssemblyTraces.DefaultCapacity)
{
    /// <summary>How many assemblies are kept by default.</summary>
    public const int DefaultCapacity = 1_000;

    private readonly ConcurrentDictionary<(string Tenant, string Id), AssemblyRecord> _records = new();
    private readonly ConcurrentQueue<(string Tenant, string Id)> _order = new();

    public void Add(string tenant, IEnumerable<string> ids, AssemblyRecord record)
    {
        foreach (var id in ids)
        {
            _records[(tenant, id)] = record;
            _order.Enqueue((tenant, id));
        }

        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _records.TryRemove(oldest, out _);
        }
    }

    /// <summary>The assembly of request or response <paramref name="id"/> of <paramref name="tenant"/>, or null.</summary>
    public AssemblyRecord? Find(string tenant, string id) => _records.GetValueOrDefault((tenant, id));
}

/// <summary>One assembly: the session, the trace and the exact messages sent.</summary>
internal sealed record AssemblyRecord(string SessionId, AssembledContext Context, DateTimeOffset At);
