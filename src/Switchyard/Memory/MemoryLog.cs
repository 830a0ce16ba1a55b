using Microsoft.Extensions.Logging;

namespace Switchyard.Memory;

/// <summary>Source-generated log messages of the memory engine. Ids and reasons only, never conversation content.</summary>
internal static partial class MemoryLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Memory of session {Tenant}/{Session} degraded: {Reason}")]
    public static partial void Degraded(ILogger logger, string tenant, string session, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Memory of session {Tenant}/{Session} folded turns {From}-{To} into summary v{Version}")]
    public static partial void Folded(ILogger logger, string tenant, string session, long from, long to, int version);
}
