using System.Globalization;
using System.Net.Http.Headers;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Reads Anthropic's rate-limit headers (PROTOCOLS.md §4.6): <c>anthropic-ratelimit-{requests,tokens,input-tokens,
/// output-tokens}-{limit,remaining,reset}</c>, where reset is an RFC 3339 timestamp. Garbage values (negative, non-numeric,
/// unparseable dates) are ignored field by field; a window with no usable field is null. Stateless and thread-safe.
/// </summary>
public static class AnthropicRateLimitHeaders
{
    private const string Prefix = "anthropic-ratelimit-";

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ssK",
    ];

    /// <summary>Reads every window present in <paramref name="headers"/>. <c>RetryAfter</c> is left for <see cref="RetryAfterParser"/>.</summary>
    public static RateLimitSnapshot Read(HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new RateLimitSnapshot
        {
            Requests = ReadWindow(headers, "requests"),
            Tokens = ReadWindow(headers, "tokens"),
            InputTokens = ReadWindow(headers, "input-tokens"),
            OutputTokens = ReadWindow(headers, "output-tokens"),
        };
    }

    /// <summary>Parses an RFC 3339 timestamp such as <c>2025-08-21T12:40:59Z</c>; null for anything else.</summary>
    public static DateTimeOffset? ParseReset(string? value) =>
        value is not null && DateTimeOffset.TryParseExact(value.Trim(), Rfc3339Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var reset)
            ? reset
            : null;

    private static RateLimitWindow? ReadWindow(HttpHeaders headers, string name)
    {
        var window = new RateLimitWindow(
            ParseCount(First(headers, $"{Prefix}{name}-limit")),
            ParseCount(First(headers, $"{Prefix}{name}-remaining")),
            ParseReset(First(headers, $"{Prefix}{name}-reset")));
        return window.HasValue ? window : null;
    }

    private static long? ParseCount(string? value) =>
        long.TryParse(value, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    private static string? First(HttpHeaders headers, string name) =>
        ResponseHeaderValues.First(headers, name);
}
