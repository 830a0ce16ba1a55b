using System.Buffers;
using System.Text.Json;

namespace Switchyard.Providers;

/// <summary>
/// Reads a <see cref="Utf8JsonReader"/>'s current string token without making a string, for the stream decoders'
/// span-level observers. Both methods unescape exactly as <see cref="Utf8JsonReader.GetString"/> does and throw as it
/// does (<see cref="InvalidOperationException"/>) on invalid UTF-8 or a lone surrogate escape.
/// </summary>
public static class Utf8JsonStrings
{
    /// <summary>
    /// Unescapes the string into <paramref name="destination"/>'s free space <b>without advancing it</b>, so that the
    /// caller decides later whether to keep it (<see cref="IBufferWriter{T}.Advance"/>). Returns the characters written.
    /// </summary>
    public static int CopyUnadvanced(ref Utf8JsonReader reader, IBufferWriter<char> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);

        // Unescaped UTF-16 is never longer than the token's UTF-8 bytes.
        return reader.CopyString(destination.GetSpan(reader.ValueSpan.Length));
    }

    /// <summary>The string's length in UTF-16 characters (what <c>GetString().Length</c> would be).</summary>
    public static int Length(ref Utf8JsonReader reader)
    {
        var scratch = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return reader.CopyString(scratch);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }
}
