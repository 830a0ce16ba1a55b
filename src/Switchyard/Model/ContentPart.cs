using System.Text.Json;

namespace Switchyard.Model;

/// <summary>One piece of a message's content. The set is closed: codecs switch over it exhaustively.</summary>
public abstract record ContentPart
{
    /// <summary>A prompt-cache breakpoint the client set on this part (Anthropic <c>cache_control</c>); null for none.</summary>
    public CacheBreakpoint? Cache { get; init; }
}

/// <summary>Plain text.</summary>
public sealed record TextPart(string Text) : ContentPart;

/// <summary>An image given by URL (<see cref="Url"/>) or inline base64 (<see cref="Base64Data"/> + <see cref="MediaType"/>).</summary>
public sealed record ImagePart : ContentPart
{
    /// <summary>An http(s) URL; null for inline images.</summary>
    public string? Url { get; init; }

    /// <summary>MIME type of inline data, e.g. <c>image/png</c>.</summary>
    public string? MediaType { get; init; }

    /// <summary>Base64 payload (no <c>data:</c> prefix).</summary>
    public string? Base64Data { get; init; }

    /// <summary>OpenAI's <c>detail</c> hint (<c>auto</c>, <c>low</c>, <c>high</c>); Anthropic has none.</summary>
    public string? Detail { get; init; }
}

/// <summary>A tool call made by the assistant. <see cref="ArgumentsJson"/> is the raw JSON text of the arguments.</summary>
public sealed record ToolCallPart(string Id, string Name, string ArgumentsJson) : ContentPart;

/// <summary>The result of a tool call, sent back by the client.</summary>
public sealed record ToolResultPart(string ToolCallId, IReadOnlyList<ContentPart> Content, bool IsError = false) : ContentPart;

/// <summary>Model reasoning that must be echoed back unchanged (Anthropic <c>thinking</c> / <c>redacted_thinking</c>).</summary>
public sealed record ThinkingPart(string Text, string? Signature, bool Redacted = false) : ContentPart;

/// <summary>A content block this model does not understand, kept verbatim so same-format echoes are lossless.</summary>
public sealed record OpaquePart(JsonElement Raw) : ContentPart;
