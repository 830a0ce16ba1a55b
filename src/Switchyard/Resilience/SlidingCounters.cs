namespace Switchyard.Resilience;

/// <summary>
/// Two counters summed over a sliding window of fixed-width time slots (a ring), so old events age out without a timer
/// and without keeping one entry per event. The window covers the current slot and the <c>slots − 1</c> before it.
/// Not thread-safe: its owner locks.
/// </summary>
internal sealed class SlidingCounters
{
    private readonly long _slotTicks;
    private readonly long[] _slotIndex;
    private readonly long[] _first;
    private readonly long[] _second;

    public SlidingCounters(TimeSpan window, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window.Ticks, slots);
        _slotTicks = window.Ticks / slots;
        _slotIndex = new long[slots];
        _first = new long[slots];
        _second = new long[slots];
        Array.Fill(_slotIndex, long.MinValue);
    }

    /// <summary>Adds to the slot that holds <paramref name="now"/> (time since the owner's origin).</summary>
    public void Add(TimeSpan now, long first, long second)
    {
        var index = now.Ticks / _slotTicks;
        var at = (int)(index % _slotIndex.Length);
        if (_slotIndex[at] != index)
        {
            _slotIndex[at] = index;
            _first[at] = 0;
            _second[at] = 0;
        }

        _first[at] += first;
        _second[at] += second;
    }

    /// <summary>Both sums over the window ending at <paramref name="now"/>.</summary>
    public (long First, long Second) Sum(TimeSpan now)
    {
        var index = now.Ticks / _slotTicks;
        long first = 0, second = 0;
        for (var i = 0; i < _slotIndex.Length; i++)
        {
            if (_slotIndex[i] > index - _slotIndex.Length && _slotIndex[i] <= index)
            {
                first += _first[i];
                second += _second[i];
            }
        }

        return (first, second);
    }

    /// <summary>Forgets everything.</summary>
    public void Clear() => Array.Fill(_slotIndex, long.MinValue);
}
