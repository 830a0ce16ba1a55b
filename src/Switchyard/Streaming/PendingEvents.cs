using System.Buffers;

namespace Switchyard.Streaming;

/// <summary>
/// A stream's events not yet durable, oldest first: a ring in an array rented from <see cref="ArrayPool{T}"/>, so a
/// stream's bookkeeping allocates nothing once the pool is warm. A queue of its own per stream grew by doubling (~2 KB
/// a stream) and, living until the writer's commit, was much of what a collection had to promote. Not thread-safe: used
/// under its <see cref="LiveStream"/>'s lock.
/// </summary>
internal sealed class PendingEvents
{
    private const int FirstCapacity = 16;

    private LoggedEvent[] _ring = [];
    private int _head;

    /// <summary>How many events are pending.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the newest event.</summary>
    public void Add(LoggedEvent logged)
    {
        if (Count == _ring.Length)
        {
            Grow();
        }

        _ring[(_head + Count) % _ring.Length] = logged;
        Count++;
    }

    /// <summary>Drops the events up to and including <paramref name="sequence"/> (the oldest ones).</summary>
    public void RemoveThrough(long sequence)
    {
        while (Count > 0 && _ring[_head].Sequence <= sequence)
        {
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            Count--;
        }
    }

    /// <summary>Copies of the pending events after <paramref name="afterSequence"/>, oldest first.</summary>
    public StreamEventRecord[] CopyAfter(long afterSequence)
    {
        var copies = new List<StreamEventRecord>();
        for (var i = 0; i < Count; i++)
        {
            var logged = _ring[(_head + i) % _ring.Length];
            if (logged.Sequence > afterSequence)
            {
                copies.Add(logged.ToRecord());
            }
        }

        return [.. copies];
    }

    /// <summary>
    /// Gives the array back to the pool, cleared (it refers to the stream's chunks): nothing may be pending, and the
    /// instance is empty afterwards.
    /// </summary>
    public void Release()
    {
        if (_ring.Length > 0)
        {
            ArrayPool<LoggedEvent>.Shared.Return(_ring, clearArray: true);
        }

        _ring = [];
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var larger = ArrayPool<LoggedEvent>.Shared.Rent(Math.Max(FirstCapacity, _ring.Length * 2));
        for (var i = 0; i < Count; i++)
        {
            larger[i] = _ring[(_head + i) % _ring.Length];
        }

        if (_ring.Length > 0)
        {
            ArrayPool<LoggedEvent>.Shared.Return(_ring, clearArray: true);
        }

        _ring = larger;
        _head = 0;
    }
}
