using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Switchyard.Providers;

/// <summary>Splits a JSONL stream (a provider's results download) into lines as they arrive, without buffering it whole.</summary>
public static class JsonlLines
{
    /// <summary>Yields each non-blank line of <paramref name="stream"/> as its own array.</summary>
    public static async IAsyncEnumerable<byte[]> ReadLinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } newline)
                {
                    var line = buffer.Slice(0, newline);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    if (Trimmed(line) is { Length: > 0 } bytes)
                    {
                        yield return bytes;
                    }
                }

                if (read.IsCompleted)
                {
                    if (Trimmed(buffer) is { Length: > 0 } last)
                    {
                        yield return last;
                    }

                    break;
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static byte[] Trimmed(ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray().AsSpan().Trim(" \t\r"u8);
        return bytes.ToArray();
    }
}
