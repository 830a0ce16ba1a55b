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
        // Indexed loops: on the request path, foreach over the interfaces would box an enumerator per list.
        var kind = Kind(request.Cache);
        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                kind = Max(kind, Kind(tools[i].Cache));
            }
        }

        var messages = request.Messages;
        for (var m = 0; m < messages.Count; m++)
        {
            var content = messages[m].Content;
            for (var p = 0; p < content.Count; p++)
            {
                kind = Max(kind, Kind(content[p].Cache));
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
