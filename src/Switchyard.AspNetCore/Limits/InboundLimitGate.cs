using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;
using Switchyard.Hosting.Limits;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.Limits;

/// <summary>
/// Applies inbound limits to a parsed request: a refusal is a standard 429 in the caller's format with
/// <c>retry-after</c>; every limited response carries the request window in the caller's rate-limit headers
/// (<c>x-ratelimit-*-requests</c> for OpenAI clients, <c>anthropic-ratelimit-requests-*</c> for Anthropic clients).
/// </summary>
internal static class InboundLimitGate
{
    /// <summary>
    /// Admits or refuses <paramref name="request"/>; false when the refusal has been written. With
    /// <paramref name="takesTokens"/> false (token counts, which generate nothing) the call counts as a request only.
    /// </summary>
    public static Task<bool> AdmitAsync(HttpContext context, IWireCodec codec, SwitchyardOptions options, InboundLimiter limiter, Caller caller, ChatRequest request, bool takesTokens = true) =>
        // Checked before the closure is made: most gateways set no inbound limit, and every chat request passes here.
        !AnyLimit(options.InboundLimits, caller) ? Task.FromResult(true)
        // Tokens as OpenAI counts them for its own limits: the prompt plus the output the request may ask for.
        : AdmitAsync(context, codec, options, limiter, caller, () => takesTokens
            ? TokenEstimator.Instance.EstimateInputTokens(request, request.Model) + (request.MaxOutputTokens ?? options.Costs.DefaultMaxOutputTokens)
            : 0);

    /// <summary>
    /// Admits or refuses a request of <paramref name="tokens"/> tokens (asked for only when a token limit applies, as
    /// counting them tokenizes the request); false when the refusal has been written.
    /// </summary>
    public static async Task<bool> AdmitAsync(HttpContext context, IWireCodec codec, SwitchyardOptions options, InboundLimiter limiter, Caller caller, Func<int> tokens)
    {
        var limits = options.InboundLimits;
        if (!AnyLimit(limits, caller))
        {
            return true;
        }

        var tenant = limits.Tenants.GetValueOrDefault(caller.Tenant) ?? limits.Tenant;
        var countsTokens = tenant.TokensPerMinute is not null || limits.Key.TokensPerMinute is not null;
        var decision = limiter.TryAdmit(limits, caller, countsTokens ? tokens() : 0);
        if (decision.Window is { } window)
        {
            var (limitName, remainingName) = codec.Format == WireFormat.AnthropicMessages
                ? ("anthropic-ratelimit-requests-limit", "anthropic-ratelimit-requests-remaining")
                : ("x-ratelimit-limit-requests", "x-ratelimit-remaining-requests");
            context.Response.Headers[limitName] = window.Limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers[remainingName] = window.Remaining.ToString(CultureInfo.InvariantCulture);
        }

        if (decision.Admitted)
        {
            return true;
        }

        var wait = decision.RetryAfter ?? TimeSpan.FromSeconds(1);
        var failure = new Failure(FailureKind.RateLimited, $"Rate limit reached for {decision.Reason}. Please try again in {wait.TotalSeconds:0.###} s.")
        {
            RetryAfter = wait,
            ProviderErrorCode = "rate_limit_exceeded",
        };
        await FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);
        return false;
    }

    private static bool AnyLimit(InboundLimitOptions limits, Caller caller)
    {
        var tenant = limits.Tenants.GetValueOrDefault(caller.Tenant) ?? limits.Tenant;
        return tenant.RequestsPerMinute is not null || tenant.TokensPerMinute is not null || limits.Key.RequestsPerMinute is not null || limits.Key.TokensPerMinute is not null;
    }
}
