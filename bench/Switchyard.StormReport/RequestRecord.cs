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

    /// <summary>
    /// Calls this request made to the primary, from the headers: with two targets and no hedging, every attempt except
    /// the secondary's (the last, when the secondary served) went to the primary.
    /// </summary>
    public int PrimaryCalls => Math.Max(0, Attempts - (Provider == GatewayConfiguration.SecondaryProvider ? 1 : 0));
}
