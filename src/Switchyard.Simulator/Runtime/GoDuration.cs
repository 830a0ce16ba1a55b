using System.Globalization;

namespace Switchyard.Simulator.Runtime;

/// <summary>Formats durations the way Go's time.Duration prints them, as OpenAI's reset headers do (<c>12ms</c>, <c>6m0s</c>).</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{Math.Max(1, (int)Math.Round(duration.TotalMilliseconds))}ms";
        }

        var hours = (int)duration.TotalHours;
        var seconds = (duration - TimeSpan.FromHours(hours)).TotalSeconds;
        var minutes = (int)(seconds / 60);
        seconds -= minutes * 60;
        var secondsText = Math.Round(seconds, 3).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return hours > 0 ? $"{hours}h{minutes}m{secondsText}" : minutes > 0 ? $"{minutes}m{secondsText}" : secondsText;
    }
}
