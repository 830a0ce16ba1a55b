using System.Runtime.InteropServices;
using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>
/// The prompt-cache breakpoint the gateway adds to a request that reaches Claude from a client that could not ask for one
/// (OpenAI formats, the library). OpenAI caches a repeated prompt prefix by itself; Claude caches only up to a
/// <c>cache_control</c> mark, so without one a fallback from OpenAI to Claude pays full price for the same long system
/// prompt on every call. The mark goes on the stable part of the prompt: the end of the first system message (which also
/// covers the tools, cached before it), or the last tool when there is no system message of the client's. The first system
/// message, because memory's recall and summary come as system messages after the client's and change every turn. Conversation
/// turns are not marked: a mark there pays the write premium (a quarter of the input price) on text that is often never
/// sent again.
/// </summary>
public static class AutomaticCacheMark
{
    /// <summary>
    /// Characters below which the prefix is left unmarked: about 1,024 tokens, the shortest prefix any Claude model caches.
    /// A shorter prefix would be neither cached nor billed as a write, but counts as one in the cost cap's worst case.
    /// </summary>
    public const int MinPrefixChars = 4096;

    /// <summary>The request with its breakpoint added; null when it has a breakpoint of its own or nothing long enough to mark.</summary>
    public static ChatRequest? Apply(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cache is not null || CacheWrites.Of(request) != CacheWriteKind.None)
        {
            return null;
        }

        var toolChars = ToolChars(request.Tools);
        var messages = request.Messages;
        if (messages.Count > 0 && messages[0] is { Role: ChatRole.System } system && !IsMemorys(system) && LastTextIndex(system) is { } last)
        {
            var chars = toolChars;
            foreach (var part in system.Content)
            {
                chars += part is TextPart text ? text.Text.Length : 0;
            }

            if (chars < MinPrefixChars)
            {
                return null;
            }

            var content = system.Content.ToArray();
            content[last] = content[last] with { Cache = new CacheBreakpoint() };
            var marked = messages.ToArray();
            marked[0] = system with { Content = content };
            return request with { Messages = marked };
        }

        if (request.Tools is { Count: > 0 } tools && toolChars >= MinPrefixChars)
        {
            var marked = tools.ToArray();
            marked[^1] = marked[^1] with { Cache = new CacheBreakpoint() };
            return request with { Tools = marked };
        }

        return null;
    }

    // Memory's recall and summary change every turn; with no system message of the client's, one of them comes first.
    private static bool IsMemorys(ChatMessage system) =>
        system.Content is [TextPart { Text: var text }, ..]
        && (text.StartsWith(MemoryEngine.RecallHeading, StringComparison.Ordinal) || text.StartsWith(MemoryEngine.SummaryHeading, StringComparison.Ordinal));

    private static int? LastTextIndex(ChatMessage message)
    {
        for (var i = message.Content.Count - 1; i >= 0; i--)
        {
            if (message.Content[i] is TextPart)
            {
                return i;
            }
        }

        return null;
    }

    private static int ToolChars(IReadOnlyList<ToolDefinition>? tools)
    {
        var chars = 0;
        foreach (var tool in tools ?? [])
        {
            chars += tool.Name.Length + (tool.Description?.Length ?? 0) + (tool.Parameters is { } schema ? JsonMarshal.GetRawUtf8Value(schema).Length : 0);
        }

        return chars;
    }
}
