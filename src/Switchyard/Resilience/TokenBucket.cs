namespace Switchyard.Resilience;

/// <summary>
/// A token bucket refilled continuously at <c>capacity</c> per <c>period</c>, computed lazily from the owner's clock (no
/// timer). The fill may go negative: a caller that may wait reserves its tokens at once and waits out the debt, so
/// concurrent callers queue in arrival order without a queue. A stamp in the future means "blocked until then".
/// An unknown capacity (null) admits everything. Not thread-safe: its owner locks.
/// </summary>
internal sealed class TokenBucket(TimeSpan period)
{
    private double _fill;
    private TimeSpan _stamp;

    /// <summary>The capacity, or null while no limit is known.</summary>
    public double? Capacity { get; private set; }

    /// <summary>Tokens available at <paramref name="now"/> (negative while in debt).</summary>
    public double Available(TimeSpan now)
    {
        Advance(now);
        return Capacity is null ? double.PositiveInfinity : _fill;
    }

    /// <summary>When <paramref name="tokens"/> (at most the capacity) will be available, not before <paramref name="now"/>.</summary>
    public TimeSpan ReadyAt(double tokens, TimeSpan now)
    {
        Advance(now);
        var ready = _stamp > now ? _stamp : now;
        if (Capacity is not { } capacity)
        {
            return ready;
        }

        var need = Math.Min(tokens, capacity);
        return _fill >= need ? ready : _stamp + TimeSpan.FromTicks((long)Math.Ceiling((need - _fill) / Rate(capacity)));
    }

    /// <summary>Takes tokens (a positive number may drive the fill into debt) or gives them back (negative).</summary>
    public void Take(double tokens, TimeSpan now)
    {
        Advance(now);
        if (Capacity is { } capacity)
        {
            _fill = Math.Min(capacity, _fill - tokens);
        }
    }

    /// <summary>Empties the bucket and stops refilling until <paramref name="until"/>; never shortens an earlier block.</summary>
    public void Block(TimeSpan until, TimeSpan now)
    {
        Advance(now);
        _fill = Math.Min(_fill, 0);
        if (until > _stamp)
        {
            _stamp = until;
        }
    }

    /// <summary>Sets the capacity (and refill rate); a first known capacity starts full, a smaller one clips the fill.</summary>
    public void SetCapacity(double? capacity, TimeSpan now)
    {
        Advance(now);
        if (capacity is { } value && Capacity is null)
        {
            _fill = value;
        }
        else if (capacity is { } smaller)
        {
            _fill = Math.Min(_fill, smaller);
        }

        Capacity = capacity;
    }

    /// <summary>Lowers the fill to <paramref name="remaining"/> if it is higher; never raises it.</summary>
    public void LowerTo(double remaining, TimeSpan now)
    {
        Advance(now);
        _fill = Math.Min(_fill, remaining);
    }

    private double Rate(double capacity) => capacity / period.Ticks;

    private void Advance(TimeSpan now)
    {
        if (now <= _stamp)
        {
            return;
        }

        if (Capacity is { } capacity)
        {
            _fill = Math.Min(capacity, _fill + (Rate(capacity) * (now - _stamp).Ticks));
        }

        _stamp = now;
    }
}
