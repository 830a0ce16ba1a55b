namespace Switchyard.Simulator.Runtime;

/// <summary>
/// Stored Responses (<c>store:true</c>), kept for <see cref="Retention"/> and at most <see cref="Capacity"/>
/// (oldest evicted first) so that a long load test cannot grow memory without bound. Thread-safe.
/// </summary>
internal sealed class ResponseStore(TimeProvider time)
{
    /// <summary>How long a response stays retrievable, as OpenAI keeps background data (PROTOCOLS §2.4). The default is 10 minutes.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    /// <summary>Most responses kept at once. The default is 10,000.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResponseRecord> _byId = new(StringComparer.Ordinal);
    private readonly Queue<ResponseRecord> _byAge = new();

    public void Add(ResponseRecord record)
    {
        lock (_gate)
        {
            Evict(time.GetUtcNow());
            while (_byId.Count >= Capacity && _byAge.TryDequeue(out var oldest))
            {
                Remove(oldest);
            }

            _byId[record.Id] = record;
            _byAge.Enqueue(record);
        }
    }

    public ResponseRecord? Get(string id)
    {
        lock (_gate)
        {
            Evict(time.GetUtcNow());
            return _byId.GetValueOrDefault(id);
        }
    }

    public ResponseRecord? Delete(string id)
    {
        lock (_gate)
        {
            if (!_byId.Remove(id, out var record))
            {
                return null;
            }

            record.Stop.Cancel();
            return record;
        }
    }

    private void Evict(DateTimeOffset now)
    {
        while (_byAge.TryPeek(out var oldest) && now - oldest.CreatedAt >= Retention)
        {
            _byAge.Dequeue();
            Remove(oldest);
        }
    }

    private void Remove(ResponseRecord record)
    {
        // A deleted record may still sit in the age queue; only drop the entry if it is this record.
        if (_byId.TryGetValue(record.Id, out var current) && ReferenceEquals(current, record))
        {
            _byId.Remove(record.Id);
            record.Stop.Cancel();
        }
    }
}
