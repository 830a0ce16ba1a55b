using System.Buffers;
using System.Threading.Channels;

namespace Switchyard.Streaming;

/// <summary>
/// The in-process state of an open stream: the events appended but not yet committed, and the channels of its live
/// readers. One lock guards it, so a reader's snapshot (durable-through, pending, subscription) is taken at one instant
/// and the reader sees every event exactly once. The log keeps it after <see cref="Complete"/> until the writer has
/// committed the end, so that until then readers in this process are served from here rather than from a file that does
/// not have the stream yet.
/// </summary>
/// <remarks>
/// Pending events keep their data in chunks rented from <see cref="ArrayPool{T}"/> (each event copied once, no allocation
/// per event). A chunk goes back to the pool once every event in it is durable; when nothing is pending the current chunk
/// is written from its start again. Readers never see chunk memory: they get copies (<see cref="LoggedEvent.ToRecord"/>).
/// </remarks>
internal sealed class LiveStream(StreamHeader header)
{
    private readonly Lock _lock = new();
    private const int ChunkSize = 16 * 1024;

    private readonly PendingEvents _pending = new();

    // Chunks before the current one, each with the last sequence written into it, oldest first.
    private readonly Queue<(byte[] Chunk, long LastSequence)> _fullChunks = new();
    private byte[] _chunk = [];
    private int _chunkUsed;
    private readonly List<Channel<StreamEventRecord>> _readers = [];
    private long _lastSequence = long.MinValue;
    private long _durableThrough = long.MinValue;
    private bool _closing;
    private bool _ended;
    private StreamState _state;

    public StreamHeader Header { get; } = header;

    /// <summary>The stream id as UTF-8, for the log writer's rows (made once per stream, not per row).</summary>
    public byte[] StreamIdUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(header.StreamId);

    /// <summary>
    /// <see cref="StreamState.Open"/>, or the final state given to <see cref="Complete"/> (which may not be on disk yet).
    /// </summary>
    public StreamState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>When <see cref="Complete"/> was called.</summary>
    public DateTimeOffset EndedAt { get; private set; }

    /// <summary>Adds an event; <paramref name="enqueue"/> hands it to the writer under the lock, keeping per-stream order.</summary>
    public void Append(long sequence, string? eventType, ReadOnlySpan<byte> data, Action<LiveStream, LoggedEvent> enqueue)
    {
        lock (_lock)
        {
            if (_closing)
            {
                throw new InvalidOperationException($"Stream '{Header.StreamId}' is completing; no more events can be appended.");
            }

            if (sequence <= _lastSequence)
            {
                throw new InvalidOperationException(
                    $"Stream '{Header.StreamId}': sequence {sequence} does not follow {_lastSequence}.");
            }

            var logged = new LoggedEvent(sequence, eventType, CopyToChunk(data));
            enqueue(this, logged);
            _lastSequence = sequence;
            _pending.Add(logged);
            foreach (var reader in _readers)
            {
                reader.Writer.TryWrite(logged.ToRecord());
            }
        }
    }

    /// <summary>Returns every chunk, and the pending events' ring, to their pools: the writer has committed the stream's end, so nothing is pending.</summary>
    public void ReleaseChunks()
    {
        lock (_lock)
        {
            while (_fullChunks.TryDequeue(out var full))
            {
                ArrayPool<byte>.Shared.Return(full.Chunk);
            }

            if (_chunk.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_chunk);
            }

            _chunk = [];
            _chunkUsed = 0;
            _pending.Release();
        }
    }

    // Under the lock.
    private ReadOnlyMemory<byte> CopyToChunk(ReadOnlySpan<byte> data)
    {
        if (_chunk.Length - _chunkUsed < data.Length)
        {
            if (_chunk.Length > 0)
            {
                _fullChunks.Enqueue((_chunk, _lastSequence));
            }

            _chunk = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, data.Length));
            _chunkUsed = 0;
        }

        var memory = _chunk.AsMemory(_chunkUsed, data.Length);
        data.CopyTo(memory.Span);
        _chunkUsed += data.Length;
        return memory;
    }

    /// <summary>Called by the writer after the transaction holding <paramref name="sequence"/> committed.</summary>
    public void MarkDurable(long sequence)
    {
        lock (_lock)
        {
            _pending.RemoveThrough(sequence);

            // The writer is done with every chunk whose events are all durable.
            while (_fullChunks.TryPeek(out var full) && full.LastSequence <= sequence)
            {
                _fullChunks.Dequeue();
                ArrayPool<byte>.Shared.Return(full.Chunk);
            }

            if (_pending.Count == 0)
            {
                _chunkUsed = 0;
            }

            _durableThrough = Math.Max(_durableThrough, sequence);
        }
    }

    /// <summary>
    /// Refuses further appends, records the final state and ends every live reader (they have had every event);
    /// <paramref name="enqueue"/> hands the end to the writer under the lock, after the stream's last event. Returns false,
    /// doing nothing, when the stream was already completing.
    /// </summary>
    public bool Complete(StreamState finalState, DateTimeOffset now, Action<LiveStream> enqueue)
    {
        lock (_lock)
        {
            if (_closing)
            {
                return false;
            }

            enqueue(this);
            _closing = true;
            _state = finalState;
            EndedAt = now;
            EndReaders();
            return true;
        }
    }

    /// <summary>Ends every live reader once the stream is complete (or the log is disposed).</summary>
    public void End()
    {
        lock (_lock)
        {
            _closing = true;
            EndReaders();
        }
    }

    private void EndReaders()
    {
        _ended = true;
        foreach (var reader in _readers)
        {
            reader.Writer.TryComplete();
        }

        _readers.Clear();
    }

    /// <summary>
    /// Takes a reader's snapshot: events up to <see cref="Subscription.DurableThrough"/> are in the database, the next ones
    /// are <see cref="Subscription.Pending"/>, and every later one arrives on <see cref="Subscription.Live"/>, which is
    /// <see langword="null"/> when the stream has already ended.
    /// </summary>
    public Subscription Subscribe(long afterSequence)
    {
        lock (_lock)
        {
            var pending = _pending.CopyAfter(afterSequence);
            Channel<StreamEventRecord>? live = null;
            if (!_ended)
            {
                live = Channel.CreateUnbounded<StreamEventRecord>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                _readers.Add(live);
            }

            return new Subscription(_durableThrough, pending, live);
        }
    }

    public void Unsubscribe(Channel<StreamEventRecord> live)
    {
        lock (_lock)
        {
            _readers.Remove(live);
        }
    }

    internal sealed record Subscription(long DurableThrough, StreamEventRecord[] Pending, Channel<StreamEventRecord>? Live);
}
