using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>The <c>limit</c> query parameter of the list endpoints (batches, response input items).</summary>
internal static class ListLimit
{
    /// <summary>Absent → <paramref name="fallback"/>, else a whole number in 1..<paramref name="max"/>; null when invalid.</summary>
    public static int? Read(IQueryCollection query, int fallback, int max)
    {
        var text = query["limit"].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max ? limit : null;
    }
}
