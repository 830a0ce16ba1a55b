using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Hosting;

/// <summary>The simulator accepts any non-empty key; only its absence is an error, worded as each provider words it.</summary>
internal static class ApiKeys
{
    private static readonly WireError OpenAIMissing = new(401, "invalid_request_error", "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, "invalid_api_key");

    private static readonly WireError AnthropicMissing = new(401, "authentication_error", "x-api-key header is required");

    /// <summary>OpenAI needs <c>Authorization: Bearer</c>; Anthropic also accepts <c>x-api-key</c>.</summary>
    public static bool Present(HttpRequest request, SimulatorApi api)
    {
        var bearer = request.Headers.Authorization.ToString();
        var hasBearer = bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && bearer.AsSpan(7).Trim().Length > 0;
        return hasBearer || (api == SimulatorApi.AnthropicMessages && !string.IsNullOrWhiteSpace(request.Headers["x-api-key"]));
    }

    public static WireError Missing(SimulatorApi api) => api == SimulatorApi.AnthropicMessages ? AnthropicMissing : OpenAIMissing;
}
