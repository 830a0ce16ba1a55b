using System.Net.Http.Headers;

namespace Switchyard.Providers;

/// <summary>Reads provider response headers the way the gateway needs them on every response: raw, first value only.</summary>
public static class ResponseHeaderValues
{
    /// <summary>
    /// The first value of <paramref name="name"/>, unparsed, or null. Goes through <see cref="HttpHeaders.NonValidated"/>:
    /// the validating <c>TryGetValues</c> parses the header and allocates an enumerable per call, and the gateway reads
    /// a dozen headers (rate limits, request id, retry-after) on every response and parses the raw text itself.
    /// </summary>
    public static string? First(HttpHeaders headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }
}
