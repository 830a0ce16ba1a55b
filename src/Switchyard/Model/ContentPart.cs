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

/// <summary>
/// A document for the model to read: Anthropic's <c>document</c> block, OpenAI's <c>file</c> (Chat) and <c>input_file</c>
/// (Responses) parts. Exactly one source is set: inline bytes (<see cref="Base64Data"/> + <see cref="MediaType"/>), inline
/// text (<see cref="Text"/>), a <see cref="Url"/>, or an <see cref="OpenAIFileId"/>. Anthropic's Files API ids have no
/// field: only Anthropic can resolve them, so such blocks stay <see cref="OpaquePart"/>.
/// </summary>
public sealed record FilePart : ContentPart
{
    /// <summary>MIME type of the inline bytes, e.g. <c>application/pdf</c>; <c>text/plain</c> with <see cref="Text"/>.</summary>
    public string? MediaType { get; init; }

    /// <summary>Base64 payload (no <c>data:</c> prefix).</summary>
    public string? Base64Data { get; init; }

    /// <summary>A plain-text document's text (Anthropic's <c>text</c> source).</summary>
    public string? Text { get; init; }

    /// <summary>An http(s) URL the provider fetches (Anthropic's <c>url</c> source, Responses' <c>file_url</c>).</summary>
    public string? Url { get; init; }

    /// <summary>An id of OpenAI's Files API (<c>file-…</c>), meaningful to OpenAI only.</summary>
    public string? OpenAIFileId { get; init; }

    /// <summary>OpenAI's <c>filename</c>.</summary>
    public string? Filename { get; init; }

    /// <summary>Anthropic's <c>title</c>.</summary>
    public string? Title { get; init; }

    /// <summary>Anthropic's <c>context</c>: what the document is, said beside it.</summary>
    public string? Context { get; init; }

    /// <summary>Anthropic's <c>citations</c> setting, verbatim; other formats have none.</summary>
    public JsonElement? Citations { get; init; }

    /// <summary>Where the client put this part (its path in the client's body), so a translation that cannot carry it names it.</summary>
    public string? Path { get; init; }
}

/// <summary>A tool call made by the assistant. <see cref="ArgumentsJson"/> is the raw JSON text of the arguments.</summary>
public sealed record ToolCallPart(string Id, string Name, string ArgumentsJson) : ContentPart;

/// <summary>The result of a tool call, sent back by the client.</summary>
public sealed record ToolResultPart(string ToolCallId, IReadOnlyList<ContentPart> Content, bool IsError = false) : ContentPart;

/// <summary>Model reasoning that must be echoed back unchanged (Anthropic <c>thinking</c> / <c>redacted_thinking</c>).</summary>
public sealed record ThinkingPart(string Text, string? Signature, bool Redacted = false) : ContentPart;

/// <summary>
/// A content block this model does not understand, kept verbatim so same-format echoes are lossless. In a user turn or a
/// tool result it reaches only the format it was read from: a provider of another format gets no request, and the
/// caller a 400 naming <see cref="Path"/>.
/// </summary>
public sealed record OpaquePart(JsonElement Raw) : ContentPart
{
    /// <summary>Where the client put this part (its path in the client's body); null when not read from a client's body.</summary>
    public string? Path { get; init; }
}
