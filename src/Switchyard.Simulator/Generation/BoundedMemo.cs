using System.Collections.Concurrent;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// A thread-safe memo of a pure function, emptied when it reaches <c>capacity</c> entries (a simple bound: the simulator
/// answers the same conversations over and over, so the working set is small, and a miss only costs the computation).
/// </summary>
internal sealed class BoundedMemo<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);

    public TValue Get(TKey key, Func<TKey, TValue> compute)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key);
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries.TryAdd(key, value);
        return value;
    }
}
