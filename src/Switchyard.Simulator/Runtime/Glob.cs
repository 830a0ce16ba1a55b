namespace Switchyard.Simulator.Runtime;

/// <summary>Matches model names against patterns where <c>*</c> is any run of characters (ordinal, case-sensitive).</summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string text) => IsMatch(pattern.AsSpan(), text.AsSpan());

    private static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.SequenceEqual(text);
        }

        if (!text.StartsWith(pattern[..star]))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        text = text[star..];
        for (var i = 0; i <= text.Length; i++)
        {
            if (IsMatch(rest, text[i..]))
            {
                return true;
            }
        }

        return false;
    }
}
