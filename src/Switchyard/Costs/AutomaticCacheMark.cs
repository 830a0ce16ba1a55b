using System.Runtime.InteropServices;
using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>
/// The prompt-cache breakpoints the gateway adds to a request that reaches Claude from a client that could not ask for
/// them (OpenAI formats, the library). OpenAI caches a repeated prompt prefix by itself; Claude caches only up to a
/// <c>cache_control</c> mark, so without one a fallback from OpenAI to Claude pays full price for the same prompt on every
/// call. Two marks, each only when what it covers is long enough to be cached:
/// <list type="bullet">
/// <item>the stable part of the prompt: the end of the first system message (which also covers the tools, cached before
/// it), or the last tool when there is no system message of the client's. The first system message, because memory's
/// recall and summary come as system messages after the client's and change every turn;</item>
/// <item>in a tool loop (the request ends with tool results), the last tool result: the next call of the loop sends this
/// whole prompt again with the next call and result after it, so it reads all of it and writes only what is new. Other
/// conversation turns are not marked: a mark there pays the write premium (a quarter of the input price) on text that
/// is often never sent again.</item>
/// </list>
/// </summary>
public static class AutomaticCacheMark
{
    /// <summary>
    /// Characters below which a prefix is left unmarked: about 1,024 tokens, the shortest prefix any Claude model caches.
    /// A shorter prefix would be neither cached nor billed as a write, but counts as one in the cost cap's worst case.
    /// </summary>
    public const int MinPrefixChars = 4096;

    /// <summary>The request with its breakpoints added; null when it has a breakpoint of its own or nothing long enough to mark.</summary>
    public static ChatRequest? Apply(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cache is not null || CacheWrites.Of(request) != CacheWriteKind.None)
        {
            return null;
        }

        var toolChars = ToolChars(request.Tools);
        var marked = MarkStablePrefix(request, toolChars);
        return MarkToolLoop(marked ?? request, toolChars) ?? marked;
    }

    private static ChatRequest? MarkStablePrefix(ChatRequest request, int toolChars)
    {
        var messages = request.Messages;
        if (messages.Count > 0 && messages[0] is { Role: ChatRole.System } system && !IsMemorys(system) && LastIndex(system, static p => p is TextPart { Text.Length: > 0 }) is { } last)
        {
            return toolChars + Chars(system) < MinPrefixChars ? null : WithMark(request, 0, last);
        }

        if (request.Tools is { Count: > 0 } tools && toolChars >= MinPrefixChars)
        {
            var marked = tools.ToArray();
            marked[^1] = marked[^1] with { Cache = new CacheBreakpoint() };
            return request with { Tools = marked };
        }

        return null;
    }

    private static ChatRequest? MarkToolLoop(ChatRequest request, int toolChars)
    {
        var messages = request.Messages;
        if (messages.Count == 0 || LastIndex(messages[^1], static p => p is ToolResultPart) is not { } last)
        {
            return null;
        }

        var chars = toolChars;
        for (var i = 0; i < messages.Count; i++)
        {
            chars += Chars(messages[i]);
        }

        return chars < MinPrefixChars ? null : WithMark(request, messages.Count - 1, last);
    }

    private static ChatRequest WithMark(ChatRequest request, int messageIndex, int partIndex)
    {
        var message = request.Messages[messageIndex];
        var content = message.Content.ToArray();
        content[partIndex] = content[partIndex] with { Cache = new CacheBreakpoint() };
        var messages = request.Messages.ToArray();
        messages[messageIndex] = message with { Content = content };
        return request with { Messages = messages };
    }

    // Memory's recall and summary change every turn; with no system message of the client's, one of them comes first.
    private static bool IsMemorys(ChatMessage system) =>
        system.Content is [TextPart { Text: var text }, ..]
        && (text.StartsWith(MemoryEngine.RecallHeading, StringComparison.Ordinal) || text.StartsWith(MemoryEngine.SummaryHeading, StringComparison.Ordinal));

    // Text marks go on non-empty text: the Anthropic writer leaves empty text out, and a mark with it.
    private static int? LastIndex(ChatMessage message, Func<ContentPart, bool> match)
    {
        for (var i = message.Content.Count - 1; i >= 0; i--)
        {
            if (match(message.Content[i]))
            {
                return i;
            }
        }

        return null;
    }

    // Indexed loops here and below: this runs on the request path, where foreach over the interfaces boxes enumerators.
    private static int Chars(ChatMessage message) => Chars(message.Content);

    private static int Chars(IReadOnlyList<ContentPart> content)
    {
        var chars = 0;
        for (var i = 0; i < content.Count; i++)
        {
            chars += content[i] switch
            {
                TextPart text => text.Text.Length,
                ToolCallPart call => call.Name.Length + call.ArgumentsJson.Length,
                ToolResultPart result => Chars(result.Content),
                _ => 0,
            };
        }

        return chars;
    }

    private static int ToolChars(IReadOnlyList<ToolDefinition>? tools)
    {
        var chars = 0;
        for (var i = 0; i < (tools?.Count ?? 0); i++)
        {
            var tool = tools![i];
            chars += tool.Name.Length + (tool.Description?.Length ?? 0) + (tool.Parameters is { } schema ? JsonMarshal.GetRawUtf8Value(schema).Length : 0);
        }

        return chars;
    }
}
