namespace Switchyard.LoadHarness;

/// <summary>One measured row of the peers suite.</summary>
/// <param name="Profile">Simulator profile: <c>zero-latency</c> or <c>realistic</c>.</param>
/// <param name="Load">How load was offered: <c>closed c=N</c> (N connections) or <c>open R/s</c> (fixed rate).</param>
/// <param name="Target">Who the client talked to: <c>direct</c> (the simulator), <c>bare .NET</c> (<see cref="BarePassThrough"/>), <c>Switchyard</c> or <c>Portkey</c>.</param>
/// <param name="Streaming">Whether the requests streamed.</param>
/// <param name="OfferedRate">The open loop's schedule in requests per second; 0 for a closed loop.</param>
/// <param name="RequestsPerSecond">Successful responses per second.</param>
/// <param name="Errors">Failed requests: non-2xx, transport errors, the client's 30 s timeout.</param>
/// <param name="GivenUp">Open loop only: requests still unanswered when the row ended, because the target fell behind the offered rate.</param>
/// <param name="P50Ms">Median full-response latency (open loop: from the scheduled send time).</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="P999Ms">99.9th percentile latency.</param>
/// <param name="FirstTokenP50Ms">Median time to the first answer token (streams: the first event with text, see <see cref="FirstTokenScanner"/>; otherwise the first body byte).</param>
/// <param name="FirstTokenP99Ms">99th percentile time to the first answer token.</param>
/// <param name="TargetCpuSeconds">CPU seconds (user + kernel) of the gateway over the row; of the simulator for direct rows.</param>
/// <param name="TargetPeakRssMiB">Peak RSS of the gateway (the simulator for direct rows) during the row, in MiB.</param>
/// <param name="SimulatorCpuSeconds">CPU seconds of the simulator over the row.</param>
internal sealed record PeerRow(
    string Profile, string Load, string Target, bool Streaming, int OfferedRate, double RequestsPerSecond, int Errors, int GivenUp,
    double P50Ms, double P99Ms, double P999Ms, double FirstTokenP50Ms, double FirstTokenP99Ms,
    double TargetCpuSeconds, double TargetPeakRssMiB, double SimulatorCpuSeconds)
{
    public const string Direct = "direct";
    public const string Switchyard = "Switchyard";
    public const string BareStack = "bare .NET";
    public const string Portkey = "Portkey";
}
