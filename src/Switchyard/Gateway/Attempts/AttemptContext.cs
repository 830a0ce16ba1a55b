using Switchyard.Providers;
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
    /// <summary>Whether the provider speaks the caller's format (bytes pass through).</summary>
    public bool SameFormat => Provider.Codec.Format == Request.FrontDoor.Format;
}
