using System.Globalization;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Parses Go's <c>time.Duration</c> text, the form of OpenAI's <c>x-ratelimit-reset-*</c> headers: a sequence of
/// decimal numbers with units <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c>/<c>µs</c>, <c>ns</c>
/// (<c>1s</c>, <c>12ms</c>, <c>6m0s</c>, <c>1h2m3s</c>, <c>18.642s</c>), or a bare <c>0</c>.
/// </summary>
public static class GoDuration
{
    // A reset further away than this is garbage, not a rate-limit window; it also keeps the arithmetic in range.
    private static readonly TimeSpan Max = TimeSpan.FromDays(366);

    /// <summary>The duration, or null for garbage, negative values and values beyond a year.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim();
        if (s == "0")
        {
            return TimeSpan.Zero;
        }

        decimal ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !decimal.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            if (UnitTicks(s.AsSpan(unitStart, i - unitStart)) is not { } unit)
            {
                return null;
            }

            ticks += number * unit;
            if (ticks > Max.Ticks)
            {
                return null;
            }
        }

        return TimeSpan.FromTicks((long)decimal.Round(ticks));
    }

    private static decimal? UnitTicks(ReadOnlySpan<char> unit) => unit switch
    {
        "h" => TimeSpan.TicksPerHour,
        "m" => TimeSpan.TicksPerMinute,
        "s" => TimeSpan.TicksPerSecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
        "ns" => 0.01m,
        _ => null,
    };
}
