using System.Collections.Concurrent;
using System.Text.Json;

namespace Switchyard.Simulator.Runtime;

/// <summary>
/// Batch counters for <c>GET /_sim/stats</c> and the per-custom_id execution ledger. The ledger also drives transient
/// line faults ("fails on its first N executions"), so it counts attempts across all batches, not per batch.
/// custom_ids are counted across both providers in one map.
/// </summary>
internal sealed class BatchStats
{
    private readonly ConcurrentDictionary<string, long> _created = new();
    private readonly ConcurrentDictionary<string, long> _ended = new();
    private readonly ConcurrentDictionary<string, long> _lines = new();
    private readonly ConcurrentDictionary<string, Execution> _executions = new(StringComparer.Ordinal);

    public void RecordCreated(string provider) => Increment(_created, provider);

    /// <summary>Counts a batch that reached a terminal status (<c>completed</c>, <c>failed</c>, <c>expired</c>, <c>cancelled</c>, Anthropic <c>ended</c>).</summary>
    public void RecordEnded(string provider, string status) => Increment(_ended, provider + "." + status);

    /// <summary>Counts line outcomes: <c>succeeded</c>, <c>errored</c>, <c>expired</c> or <c>canceled</c>.</summary>
    public void RecordLines(string outcome, long count) => _lines.AddOrUpdate(outcome, count, (_, v) => v + count);

    /// <summary>Counts an attempt to run <paramref name="customId"/> and returns how many attempts came before it.</summary>
    public int BeginAttempt(string customId) => Interlocked.Increment(ref _executions.GetOrAdd(customId, static _ => new Execution()).Attempts) - 1;

    /// <summary>Counts a successful execution (an answer was generated and billed).</summary>
    public void RecordSuccess(string customId) => Interlocked.Increment(ref _executions.GetOrAdd(customId, static _ => new Execution()).Successes);

    public void Reset()
    {
        _created.Clear();
        _ended.Clear();
        _lines.Clear();
        _executions.Clear();
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        WriteMap(w, "created", _created);
        WriteMap(w, "ended", _ended);
        WriteMap(w, "lines", _lines);
        long duplicated = 0;
        w.WriteStartObject("executions");
        foreach (var (id, execution) in _executions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var successes = Volatile.Read(ref execution.Successes);
            if (successes > 0)
            {
                w.WriteNumber(id, successes);
            }

            if (successes > 1)
            {
                duplicated++;
            }
        }

        w.WriteEndObject();
        w.WriteNumber("duplicateExecutions", duplicated);
        w.WriteEndObject();
    }

    private static void Increment(ConcurrentDictionary<string, long> map, string key) => map.AddOrUpdate(key, 1, static (_, v) => v + 1);

    private static void WriteMap(Utf8JsonWriter w, string name, ConcurrentDictionary<string, long> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }

    private sealed class Execution
    {
        public int Attempts;
        public int Successes;
    }
}
