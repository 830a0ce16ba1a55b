using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// The simulator's key check: a missing key is an error, worded as each provider words it; any non-empty key is accepted
/// unless <see cref="SimulatorOptions.AcceptedKeys"/> names the only ones that are.
/// </summary>
internal static class ApiKeys
{
    private static readonly WireError OpenAIMissing = new(401, "invalid_request_error", "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, "invalid_api_key");

    private static readonly WireError AnthropicMissing = new(401, "authentication_error", "x-api-key header is required");

    private static readonly WireError OpenAIIncorrect = new(401, "invalid_request_error", "Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.", null, "invalid_api_key");

    private static readonly WireError AnthropicIncorrect = new(401, "authentication_error", "invalid x-api-key");

    /// <summary>Null when the request carries an acceptable key, else the provider's 401. OpenAI needs <c>Authorization: Bearer</c>; Anthropic also accepts <c>x-api-key</c>.</summary>
    public static WireError? Check(HttpRequest request, SimulatorApi api, SimulatorOptions options)
    {
        var anthropic = api == SimulatorApi.AnthropicMessages;
        var key = Of(request, api);
        if (key.Length == 0)
        {
            return anthropic ? AnthropicMissing : OpenAIMissing;
        }

        return options.AcceptedKeys is { } accepted && !accepted.Contains(key) ? (anthropic ? AnthropicIncorrect : OpenAIIncorrect) : null;
    }

    /// <summary>The key a request carries (empty when none): <c>Authorization: Bearer</c>, or Anthropic's <c>x-api-key</c>.</summary>
    public static string Of(HttpRequest request, SimulatorApi api)
    {
        var bearer = request.Headers.Authorization.ToString();
        var key = bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? bearer[7..].Trim() : string.Empty;
        return key.Length == 0 && api == SimulatorApi.AnthropicMessages ? request.Headers["x-api-key"].ToString().Trim() : key;
    }
}
