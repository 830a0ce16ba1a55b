namespace Switchyard.StormReport;

/// <summary>
/// One client request as the client saw it: times since the storm was installed, whether the answer was complete
/// (200, and <c>[DONE]</c> for a stream), and the gateway's <c>x-switchyard-provider</c> / <c>x-switchyard-attempts</c>.
/// </summary>
internal sealed record RequestRecord(TimeSpan Start, TimeSpan End, int Status, bool Succeeded, string? Provider, int Attempts)
{
    public TimeSpan Latency => End - Start;

    public bool ServedByPrimary => Succeeded && Provider == GatewayConfiguration.PrimaryProvider;

    public bool ServedBySecondary => Succeeded && Provider == GatewayConfiguration.SecondaryProvider;
}
