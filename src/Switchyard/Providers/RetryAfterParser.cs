using System.Globalization;
using System.Net.Http.Headers;

namespace Switchyard.Providers;

/// <summary>
/// Reads how long a provider asked us to wait, in the SDKs' order of precedence (PROTOCOLS.md §3.3):
/// <c>retry-after-ms</c> (float milliseconds), then <c>retry-after</c> (float seconds or an HTTP date).
/// </summary>
public static class RetryAfterParser
{
    /// <summary>The wait, or null when no usable header is present. Negative values and garbage are ignored.</summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (ResponseHeaderValues.First(headers, "retry-after-ms") is { } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && ToTimeSpan(millis, TimeSpan.TicksPerMillisecond) is { } wait)
        {
            return wait;
        }

        return ParseRetryAfter(ResponseHeaderValues.First(headers, "retry-after"), now);
    }

    /// <summary>Parses a <c>retry-after</c> value: float seconds or an HTTP date.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return ToTimeSpan(seconds, TimeSpan.TicksPerSecond);
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    // Negative, NaN, infinite and past-TimeSpan.MaxValue values are garbage alike; TimeSpan.From* would throw on the last.
    private static TimeSpan? ToTimeSpan(double value, long ticksPerUnit)
    {
        var ticks = value * ticksPerUnit;
        return value >= 0 && ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)ticks) : null;
    }
}
