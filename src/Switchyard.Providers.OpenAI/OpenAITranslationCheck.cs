using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// What of an Anthropic client's content OpenAI cannot take: blocks with no OpenAI form (Anthropic Files API ids,
/// <c>content</c>-source documents, search results, …) and, on Chat Completions, documents by URL.
/// </summary>
internal static class OpenAITranslationCheck
{
    /// <summary>For Chat Completions: it takes files inline or by OpenAI file id only.</summary>
    public static UntranslatablePart? FindForChat(ChatRequest request) => UntranslatablePart.Find(request, static part => part switch
    {
        FilePart { Url: not null } file => new UntranslatablePart(
            file.Path, "OpenAI's Chat Completions has no file part by URL; send the document inline (a base64 source) instead."),
        OpaquePart opaque => Opaque(opaque, "Chat Completions"),
        _ => null,
    });

    /// <summary>For Responses: every file source has an <c>input_file</c> form.</summary>
    public static UntranslatablePart? FindForResponses(ChatRequest request) => UntranslatablePart.Find(request, static part => part switch
    {
        OpaquePart opaque => Opaque(opaque, "Responses"),
        _ => null,
    });

    private static UntranslatablePart Opaque(OpaquePart opaque, string format)
    {
        var type = UntranslatablePart.TypeOf(opaque);
        var fileSource = opaque.Raw.ValueKind == JsonValueKind.Object && opaque.Raw.TryGetProperty("source", out var source)
            && JsonRead.String(source, "type") == "file";
        return new UntranslatablePart(opaque.Path, fileSource
            ? $"an Anthropic Files API id (the `file` source of this `{type}` block) means nothing to OpenAI; send the {type} inline (a base64 source) instead."
            : $"a `{type}` block has no equivalent in OpenAI's {format} format.");
    }
}
