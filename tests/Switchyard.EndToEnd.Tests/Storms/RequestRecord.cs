namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>
/// One client request of a storm run, as the client saw it: times since the storm was installed, the status, whether
/// the answer was complete, and the gateway's <c>x-switchyard-provider</c> / <c>x-switchyard-attempts</c> headers.
/// </summary>
public sealed record RequestRecord(TimeSpan Start, TimeSpan End, int Status, bool Succeeded, string? Provider, int Attempts)
{
    /// <summary>
    /// Calls this request made to the primary, from the headers: with two targets and no retries or hedges, every
    /// attempt not made on the secondary (the last target tried, when it is the secondary) went to the primary.
    /// </summary>
    public int PrimaryCalls => Attempts - (Provider == "anthropic" ? 1 : 0);
}
