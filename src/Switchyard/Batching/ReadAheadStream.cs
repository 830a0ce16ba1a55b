using System.Buffers;
using System.Collections.Concurrent;

namespace Switchyard.Batching;

/// <summary>
/// A read-only stream that reads its source on a second thread, a few pooled 1 MB blocks ahead of the caller, so the
/// planner's thread does not wait for the kernel's copy of every input byte (about a tenth of its time on a 1 GB
/// input). A failed read of the source surfaces on the caller's next <see cref="Read(Span{byte})"/>. The source is not
/// disposed. Hand-written: no BCL or kept library stream reads ahead on another thread. Not thread-safe for callers.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int BlockBytes = 1 << 20;
    private const int MaxQueuedBlocks = 4;

    private readonly Stream _source;
    private readonly BlockingCollection<Block> _blocks = new(MaxQueuedBlocks);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private Block _current;
    private int _offset;
    private bool _ended;
    private bool _disposed;

    /// <summary>Starts reading <paramref name="source"/> ahead.</summary>
    public ReadAheadStream(Stream source)
    {
        _source = source;
        _reader = new Thread(ReadBlocks) { IsBackground = true, Name = "Switchyard batch read-ahead" };
        _reader.Start();
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!_ended && (_current.Data is null || _offset == _current.Length))
        {
            Release(ref _current);
            _current = _blocks.Take();
            _offset = 0;
            if (_current.Fault is { } fault)
            {
                _ended = true;
                throw new IOException($"Reading the input failed: {fault.Message}", fault);
            }

            _ended = _current.Data is null;
        }

        if (_ended)
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.Data.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            _reader.Join();
            Release(ref _current);
            while (_blocks.TryTake(out var block))
            {
                Release(ref block);
            }

            _blocks.Dispose();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ReadBlocks()
    {
        try
        {
            while (true)
            {
                var data = ArrayPool<byte>.Shared.Rent(BlockBytes);
                var length = _source.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(data);
                    _blocks.Add(default, _stop.Token);
                    return;
                }

                _blocks.Add(new Block(data, length, null), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end of the input.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            try
            {
                _blocks.Add(new Block(null, 0, ex), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Disposed meanwhile: nobody is left to tell.
            }
        }
    }

    private static void Release(ref Block block)
    {
        if (block.Data is { } data)
        {
            ArrayPool<byte>.Shared.Return(data);
        }

        block = default;
    }

    private readonly record struct Block(byte[]? Data, int Length, Exception? Fault);
}
