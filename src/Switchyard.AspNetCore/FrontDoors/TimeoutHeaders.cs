using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Failures;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// Lets a client choose its timeout tier (<c>x-switchyard-timeout-tier: interactive</c>) or a total deadline
/// (<c>x-switchyard-deadline-ms: 2000</c>, which can only shorten the tier's).
/// </summary>
internal static class TimeoutHeaders
{
    public const string Tier = "x-switchyard-timeout-tier";
    public const string DeadlineMs = "x-switchyard-deadline-ms";

    public static bool TryRead(HttpRequest request, out string? tier, out TimeSpan? deadline, out Failure error)
    {
        tier = request.Headers[Tier].ToString() is { Length: > 0 } t ? t.Trim() : null;
        deadline = null;
        error = null!;
        var raw = request.Headers[DeadlineMs].ToString();
        if (raw.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0 || ms > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            error = new Failure(FailureKind.InvalidRequest, $"Header {DeadlineMs} must be a positive whole number of milliseconds up to one day (was '{raw}').") { Param = DeadlineMs };
            return false;
        }

        deadline = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
