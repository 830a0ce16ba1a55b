using System.Text.Unicode;

namespace Switchyard.Providers;

/// <summary>
/// Finds the text a JSON parser accepts but its string reader refuses. <c>JsonDocument.Parse</c> does not check string
/// contents: invalid UTF-8 bytes and lone surrogate escapes (<c>"\ud800"</c>) pass parsing, and only the first
/// <c>GetString</c> on them throws <see cref="InvalidOperationException"/> — from deep inside a request reader, as a 500.
/// Readers of untrusted bodies call this once, before they read a value, and refuse such a body as not valid JSON text.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>
    /// The problem with <paramref name="json"/>'s text, or null when every string in it can be read. Checks that the
    /// bytes are UTF-8 and that every <c>\u</c> escape of a surrogate is half of a pair. Meant for text that is then
    /// parsed (outside strings, a backslash is a syntax error the parser reports), so it does not track JSON structure.
    /// </summary>
    public static string? FindProblem(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return "the body is not valid UTF-8";
        }

        var pendingHigh = false;
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i < json.Length; )
        {
            // i is at a backslash: every escape is two bytes, except \uXXXX, which is six.
            var isUnicode = i + 1 < json.Length && json[i + 1] == (byte)'u';
            var code = isUnicode && i + 6 <= json.Length ? ParseHex4(json.Slice(i + 2, 4)) : -1;
            var isHigh = code is >= 0xD800 and <= 0xDBFF;
            var isLow = code is >= 0xDC00 and <= 0xDFFF;
            if ((pendingHigh && !isLow) || (!pendingHigh && isLow))
            {
                return "a string holds a lone UTF-16 surrogate escape";
            }

            var next = i + (code >= 0 ? 6 : 2);
            // A high surrogate must be followed at once by its low half's escape.
            pendingHigh = isHigh;
            if (pendingHigh && (next >= json.Length || json[next] != (byte)'\\'))
            {
                return "a string holds a lone UTF-16 surrogate escape";
            }

            var rest = next < json.Length ? json[next..].IndexOf((byte)'\\') : -1;
            i = rest < 0 ? -1 : next + rest;
        }

        return null;
    }

    private static int ParseHex4(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            var nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return -1; // Not an escape the parser accepts; it reports that itself.
            }

            value = (value << 4) | nibble;
        }

        return value;
    }
}
