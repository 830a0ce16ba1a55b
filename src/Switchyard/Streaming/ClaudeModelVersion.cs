namespace Switchyard.Streaming;

/// <summary>
/// The family and version read from a Claude model id, in both naming schemes: <c>claude-opus-4-6</c>,
/// <c>claude-sonnet-4-5-20250929</c>, <c>claude-opus-4-20250514</c> (4.0) and the older <c>claude-3-5-sonnet-latest</c>,
/// <c>claude-3-opus-20240229</c>, <c>claude-2.1</c>; with provider decorations such as <c>anthropic.claude-…-v1:0</c>
/// (Bedrock) or <c>claude-…@20250514</c> (Vertex).
/// </summary>
/// <param name="Family"><c>opus</c>, <c>sonnet</c>, <c>haiku</c>, or null when the id names none (<c>claude-2.1</c>).</param>
/// <param name="Major">The major version.</param>
/// <param name="Minor">The minor version; 0 when the id has none.</param>
internal readonly record struct ClaudeModelVersion(string? Family, int Major, int Minor)
{
    private static readonly char[] Separators = ['-', '.', '@', ':', '_', '/'];

    /// <summary>
    /// Parses the id: the first number of one or two digits after <c>claude</c> is the major version and a one- or
    /// two-digit number right after it the minor; longer numbers are dates. False when there is no <c>claude</c> or no major.
    /// </summary>
    public static bool TryParse(string model, out ClaudeModelVersion version)
    {
        version = default;
        var at = model.LastIndexOf("claude", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        string? family = null;
        int major = -1, minor = -1, majorToken = -1;
        var tokens = model[(at + "claude".Length)..].Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].ToLowerInvariant();
            if (token is "opus" or "sonnet" or "haiku")
            {
                family ??= token;
            }
            else if (SmallNumber(token) is { } number)
            {
                if (major < 0)
                {
                    (major, majorToken) = (number, i);
                }
                else if (minor < 0 && i == majorToken + 1)
                {
                    minor = number;
                }
            }
        }

        if (major < 0)
        {
            return false;
        }

        version = new ClaudeModelVersion(family, major, Math.Max(minor, 0));
        return true;
    }

    // The leading digits of a token when there are one or two of them ("6" and "6[1m]" are 6; "20250514" is a date).
    private static int? SmallNumber(string token)
    {
        var digits = 0;
        while (digits < token.Length && char.IsAsciiDigit(token[digits]))
        {
            digits++;
        }

        return digits is 1 or 2 ? int.Parse(token.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
