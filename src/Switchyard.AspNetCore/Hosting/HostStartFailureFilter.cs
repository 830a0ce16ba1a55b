using Microsoft.Extensions.Logging;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Keeps the generic host's "Hosting failed to start" error (with its stack trace) off the console while the gateway
/// starts. Whatever fails start-up is thrown from <see cref="GatewayServer.StartAsync"/> as well, and its caller reports
/// it: <c>switchyard serve</c> prints one <c>error:</c> line for a port already in use, as documented, where the host's
/// log line added ~3 KB of stack trace on stdout. Once started, the host's category logs as any other (a background
/// service that fails later is logged there and thrown nowhere).
/// </summary>
/// <remarks>
/// A filter on the host's category: a console level set per provider (<see cref="GatewayServerOptions.ConsoleLogLevel"/>)
/// or a <c>Logging:LogLevel</c> entry for this exact category takes precedence over it, as .NET logging picks one rule.
/// </remarks>
internal sealed class HostStartFailureFilter(LogLevel minimum)
{
    /// <summary>The category the generic host logs its start and stop under.</summary>
    public const string Category = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    /// <summary>Lets the host's errors through from now on.</summary>
    public void Started() => _started = true;

    /// <summary>Whether a message of <paramref name="level"/> in the host's category is logged.</summary>
    public bool Allows(LogLevel level) => level >= minimum && (_started || level < LogLevel.Error);
}
