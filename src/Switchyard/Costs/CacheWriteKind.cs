using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>The dearest prompt-cache write a request may cause, for its worst-case cost.</summary>
public enum CacheWriteKind
{
    /// <summary>The request asks for no caching.</summary>
    None,

    /// <summary>A five-minute write (Anthropic's default <c>cache_control</c>).</summary>
    FiveMinutes,

    /// <summary>A one-hour write (<c>cache_control.ttl:"1h"</c>).</summary>
    Hour,
}

/// <summary>Finds the dearest cache write a canonical request asks for.</summary>
public static class CacheWrites
{
    /// <summary>The longest-lived breakpoint on the request, its tools or its parts; <see cref="CacheWriteKind.None"/> when none.</summary>
    public static CacheWriteKind Of(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = Kind(request.Cache);
        if (request.Tools is { } tools)
        {
            foreach (var tool in tools)
            {
                kind = Max(kind, Kind(tool.Cache));
            }
        }

        foreach (var message in request.Messages)
        {
            foreach (var part in message.Content)
            {
                kind = Max(kind, Kind(part.Cache));
            }
        }

        return kind;
    }

    private static CacheWriteKind Kind(CacheBreakpoint? cache) => cache switch
    {
        null => CacheWriteKind.None,
        { Ttl: "1h" } => CacheWriteKind.Hour,
        _ => CacheWriteKind.FiveMinutes,
    };

    private static CacheWriteKind Max(CacheWriteKind a, CacheWriteKind b) => a >= b ? a : b;
}
