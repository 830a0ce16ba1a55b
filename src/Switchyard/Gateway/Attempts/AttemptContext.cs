using Switchyard.Providers;
using Switchyard.Resilience;
using Switchyard.Routing;

namespace Switchyard.Gateway.Attempts;

/// <summary>Everything one upstream attempt needs: what to send where, and how long each step may take.</summary>
internal sealed record AttemptContext(
    GatewayRequest Request,
    IChatProvider Provider,
    RouteTarget Target,
    TimeoutTier Tier,
    RequestDeadline Deadline,
    TimeProvider Time,
    bool Hedge)
{
    /// <summary>The deployment's client-side rate limiter, when storm control is on.</summary>
    public ProviderRateLimiter? Limiter { get; init; }

    /// <summary>Tokens to take from the limiter's token bucket before the call (prompt estimate + output limit).</summary>
    public int EstimatedTokens { get; init; }

    /// <summary>Whether a resumable provider's stream is requested as a background response, so that it can be resumed.</summary>
    public bool ResumeUpstream { get; init; }

    /// <summary>Set when this attempt continues a broken stream: the text the caller already has.</summary>
    public ContinuationContext? Continuation { get; init; }

    /// <summary>
    /// Whether the provider speaks the caller's format, so bytes pass through. Never on the Responses front door (the
    /// gateway numbers events and names the response itself) or for a continuation (its request is rewritten).
    /// </summary>
    public bool SameFormat =>
        Provider.Codec.Format == Request.FrontDoor.Format && Request.FrontDoor.Format != WireFormat.OpenAIResponses && Continuation is null;
}

/// <summary>What a continuation attempt continues from.</summary>
/// <param name="SentText">The visible text the caller has received so far.</param>
/// <param name="Plan">How the continuation request was built (prefill or continuation turn).</param>
internal sealed record ContinuationContext(string SentText, Streaming.ContinuationPlan Plan);
