using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Wire;

/// <summary>Response headers every provider response carries (PROTOCOLS §3.2, §4.6).</summary>
internal static class ProviderHeaders
{
    private const string AnthropicOrganization = "5e1f8a7c-2b3d-4c6e-9f01-5a5b1c0d5e1f";

    public static void Apply(HttpResponse response, SimulatorApi api, string requestId, RateLimitSnapshot limits, TimeSpan processing, int? retryAfterSeconds)
    {
        var h = response.Headers;
        if (api != SimulatorApi.AnthropicMessages)
        {
            ApplyOpenAIBase(response, requestId, processing);
            h["x-ratelimit-limit-requests"] = Number(limits.RequestLimit);
            h["x-ratelimit-limit-tokens"] = Number(limits.TokenLimit);
            h["x-ratelimit-remaining-requests"] = Number(limits.RequestsRemaining);
            h["x-ratelimit-remaining-tokens"] = Number(limits.TokensRemaining);
            h["x-ratelimit-reset-requests"] = GoDuration.Format(limits.RequestsReset);
            h["x-ratelimit-reset-tokens"] = GoDuration.Format(limits.TokensReset);
        }
        else
        {
            var reset = limits.WindowEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            ApplyAnthropicBase(response, requestId);
            Set(h, "requests", limits.RequestLimit, limits.RequestsRemaining, reset);
            Set(h, "tokens", limits.TokenLimit, limits.TokensRemaining, reset);
            Set(h, "input-tokens", limits.InputTokenLimit, limits.InputTokensRemaining, reset);
            Set(h, "output-tokens", limits.OutputTokenLimit, limits.OutputTokensRemaining, reset);
        }

        if (retryAfterSeconds is { } retry)
        {
            h["retry-after"] = Number(retry);
        }
    }

    /// <summary>The OpenAI headers without rate limits, as on <c>GET</c>/<c>cancel</c>/<c>DELETE</c> of a stored response.</summary>
    public static void ApplyOpenAIBase(HttpResponse response, string requestId, TimeSpan processing)
    {
        var h = response.Headers;
        h["x-request-id"] = requestId;
        h["openai-organization"] = "user-simulator";
        h["openai-project"] = "proj_simulator";
        h["openai-processing-ms"] = Number((long)processing.TotalMilliseconds);
        h["openai-version"] = "2020-10-01";
    }

    /// <summary>The Anthropic headers without rate limits, as on the Message Batches endpoints.</summary>
    public static void ApplyAnthropicBase(HttpResponse response, string requestId)
    {
        response.Headers["request-id"] = requestId;
        response.Headers["anthropic-organization-id"] = AnthropicOrganization;
    }

    private static void Set(IHeaderDictionary h, string name, long limit, long remaining, string reset)
    {
        h[$"anthropic-ratelimit-{name}-limit"] = Number(limit);
        h[$"anthropic-ratelimit-{name}-remaining"] = Number(remaining);
        h[$"anthropic-ratelimit-{name}-reset"] = reset;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
