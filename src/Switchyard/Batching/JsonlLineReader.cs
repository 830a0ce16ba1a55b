using System.Buffers;

namespace Switchyard.Batching;

/// <summary>
/// Reads a JSONL stream line by line into one pooled buffer, so an input of any size is read with memory bounded by
/// its longest line. A line is valid until the next <see cref="TryReadLine"/>. Not thread-safe. Written by hand because
/// <see cref="StreamReader"/> decodes to UTF-16 strings (twice the bytes, an allocation per line) and the planner needs
/// the raw UTF-8 bytes of every line.
/// </summary>
public sealed class JsonlLineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Reads <paramref name="stream"/> (not disposed by this reader).</summary>
    /// <param name="stream">The input.</param>
    /// <param name="maxLineBytes">Longest line accepted; longer lines are skipped and reported. The default is 64 MB.</param>
    public JsonlLineReader(Stream stream, int maxLineBytes = 64 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
    }

    /// <summary>Number of the line last returned, counting from 1 (blank lines included).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed so far, line terminators included.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next line without its terminator (<c>\n</c> or <c>\r\n</c>).</summary>
    /// <param name="line">The line's bytes; empty for a blank line.</param>
    /// <param name="tooLong">True when the line exceeded the maximum length and was skipped (<paramref name="line"/> is empty).</param>
    /// <returns>False at the end of the input.</returns>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = searchFrom - _start + newline;
                line = tooLong ? default : Trim(_buffer.AsMemory(_start, length));
                _start += length + 1;
                BytesRead += length + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_start == _end && !tooLong)
                {
                    line = default;
                    return false;
                }

                line = tooLong ? default : Trim(_buffer.AsMemory(_start, _end - _start));
                BytesRead += _end - _start;
                _start = _end;
                LineNumber++;
                return true;
            }

            searchFrom = _end - _start;
            if (searchFrom >= _maxLineBytes)
            {
                // Drop what is buffered of an over-long line and keep scanning for its end.
                tooLong = true;
                BytesRead += searchFrom;
                _start = _end = 0;
                searchFrom = 0;
            }

            Fill();
            searchFrom += _start;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
