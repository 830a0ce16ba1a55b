using Microsoft.AspNetCore.Http;
using Switchyard.Hosting.Auth;

namespace Switchyard.AspNetCore.Auth;

/// <summary>
/// Reads the presented key from <c>Authorization: Bearer</c> or <c>x-api-key</c>; both front doors accept both,
/// because official SDKs of either provider may send either.
/// </summary>
public static class ApiKeyReader
{
    /// <summary>Anthropic's key header; when present it takes precedence over <c>Authorization</c>.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The presented key, or null when the request carries none.</summary>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var apiKey = request.Headers[ApiKeyHeader].ToString();
        if (apiKey.Length > 0)
        {
            return apiKey.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
