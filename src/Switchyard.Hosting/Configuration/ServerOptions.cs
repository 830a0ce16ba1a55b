namespace Switchyard.Hosting.Configuration;

/// <summary>How the gateway's HTTP server (Kestrel) runs requests (<c>Switchyard:Server</c>); read once at start.</summary>
public sealed class ServerOptions
{
    /// <summary>
    /// Whether Kestrel runs request processing on the thread that completed the socket read, instead of handing it to
    /// the thread pool (Kestrel's <c>SocketTransportOptions.UnsafePreferInlineScheduling</c>). Saves thread hops on
    /// every request; only safe because nothing on the gateway's request path blocks a thread waiting for another
    /// (see docs/benchmarks.md, "Thread hops"). The default is false; see docs/configuration.md for the measurement.
    /// </summary>
    public bool InlineScheduling { get; set; }
}
