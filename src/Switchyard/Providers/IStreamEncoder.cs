using System.Buffers;
using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>
/// Writes canonical <see cref="StreamEvent"/>s as one wire format's SSE frames. Stateful (open blocks, tool indexes,
/// buffered usage), one instance per stream, not thread-safe.
/// </summary>
public interface IStreamEncoder
{
    /// <summary>Writes the complete SSE frames (zero or more) that <paramref name="streamEvent"/> produces.</summary>
    void Encode(StreamEvent streamEvent, IBufferWriter<byte> output);
}
