namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// Makes text from outside the gateway (a provider's model name or request id, a configured route name) safe for a
/// response header. Kestrel throws on a non-ASCII or control character in a header value, and by then the answer has been
/// paid for; a value too long for a client's header limit makes the whole answer unreadable. Header values are
/// informational, so an odd character becomes '?' and a long value is cut, rather than losing the answer.
/// </summary>
internal static class HeaderText
{
    /// <summary>Longer than any id or name the gateway puts in a header.</summary>
    private const int MaxLength = 256;

    /// <summary>The value itself when it is printable ASCII of at most 256 characters (no copy); otherwise a cleaned copy.</summary>
    public static string Safe(string value)
    {
        if (value.Length <= MaxLength && IsPrintableAscii(value))
        {
            return value;
        }

        return string.Create(Math.Min(value.Length, MaxLength), value, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= ' ' and <= '~' ? c : '?';
            }
        });
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
