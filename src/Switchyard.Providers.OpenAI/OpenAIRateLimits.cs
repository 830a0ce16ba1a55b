using System.Globalization;
using System.Net.Http.Headers;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Reads OpenAI's <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> headers (PROTOCOLS.md §3.2) into a
/// <see cref="RateLimitSnapshot"/>. Resets are relative Go durations and become absolute times from <c>now</c>.
/// Garbage values are ignored one by one; a window with no usable value is null.
/// </summary>
public static class OpenAIRateLimits
{
    /// <summary>Reads both windows from response headers.</summary>
    public static RateLimitSnapshot Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Read(name => ResponseHeaderValues.First(headers, name), now);
    }

    /// <summary>Reads both windows through a header lookup (header names are lower case).</summary>
    public static RateLimitSnapshot Read(Func<string, string?> header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new RateLimitSnapshot
        {
            Requests = Window(header, "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests", now),
            Tokens = Window(header, "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens", now),
        };
    }

    // Header names as constants: building them per response allocated six strings a request.
    private static RateLimitWindow? Window(Func<string, string?> header, string limit, string remaining, string resetName, DateTimeOffset now)
    {
        var window = new RateLimitWindow(
            Number(header(limit)),
            Number(header(remaining)),
            GoDuration.Parse(header(resetName)) is { } reset ? now + reset : null);
        return window.HasValue ? window : null;
    }

    private static long? Number(string? value) =>
        long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
