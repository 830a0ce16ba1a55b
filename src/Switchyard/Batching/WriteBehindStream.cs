using System.Buffers;

namespace Switchyard.Batching;

/// <summary>
/// A write-only file stream that copies what it is given into pooled blocks and hands full blocks to a
/// <see cref="WriteBehindWorker"/>'s thread. Planning writes as many bytes as it reads; on this class of machine the
/// kernel's page-cache copy of those writes took about a third of the planner's thread, so it moves to a thread of its
/// own. A failed write surfaces on the next <see cref="Write(ReadOnlySpan{byte})"/> or <see cref="Flush()"/>.
/// Not thread-safe for callers.
/// </summary>
internal sealed class WriteBehindStream : Stream
{
    private readonly FileStream _file;
    private readonly WriteBehindWorker _worker;
    private byte[] _current = ArrayPool<byte>.Shared.Rent(WriteBehindWorker.BlockBytes);
    private int _used;
    private long _length;
    private bool _disposed;

    /// <summary>Creates (replacing) the file at <paramref name="path"/>, written by <paramref name="worker"/>.</summary>
    public WriteBehindStream(string path, WriteBehindWorker worker)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _worker = worker;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    /// <summary>Bytes written so far (queued or in the file).</summary>
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _worker.ThrowIfFaulted(_file.Name);
        _length += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var room = Math.Min(_current.Length - _used, buffer.Length);
            buffer[..room].CopyTo(_current.AsSpan(_used));
            _used += room;
            buffer = buffer[room..];
            if (_used == _current.Length)
            {
                HandOff();
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Waits until everything written so far is in the file (the page cache).</summary>
    public override void Flush()
    {
        HandOff();
        _worker.Drain();
        _worker.ThrowIfFaulted(_file.Name);
    }

    /// <summary>Waits until everything written so far is in the file and, with <paramref name="flushToDisk"/>, on the disk.</summary>
    public void Flush(bool flushToDisk)
    {
        Flush();
        _file.Flush(flushToDisk);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Hands off what is buffered, waits for it, and closes the file (without waiting for the disk).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            HandOff();
            _worker.Drain();
            ArrayPool<byte>.Shared.Return(_current);
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    private void HandOff()
    {
        if (_used == 0)
        {
            return;
        }

        _worker.Write(_file, _current, _used);
        _current = ArrayPool<byte>.Shared.Rent(WriteBehindWorker.BlockBytes);
        _used = 0;
    }
}
