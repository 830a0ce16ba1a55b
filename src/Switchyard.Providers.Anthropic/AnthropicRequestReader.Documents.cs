using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal static partial class AnthropicRequestReader
{
    /// <summary>
    /// A <c>document</c> block with an inline (<c>base64</c>, <c>text</c>) or <c>url</c> source becomes a
    /// <see cref="FilePart"/>, which other formats can carry. Any other block (a Files API id, a <c>content</c> source, a
    /// malformed source) stays verbatim: Anthropic is the authority on it, and only Anthropic can take it.
    /// </summary>
    private static void ReadDocument(JsonElement block, string path, out ContentPart part)
    {
        var source = block.TryGet("source", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var file = Source(source);
        if (file is null
            || !OptionalText(block, "title", out var title)
            || !OptionalText(block, "context", out var context))
        {
            part = new OpaquePart(block.Clone()) { Path = path };
            return;
        }

        part = file with
        {
            Title = title,
            Context = context,
            Citations = block.TryGet("citations", out var citations) ? citations.Clone() : null,
            Path = path,
        };
    }

    private static FilePart? Source(JsonElement source) => StringOf(source, "type") switch
    {
        "base64" when StringOf(source, "media_type") is { } mediaType && StringOf(source, "data") is { Length: > 0 } data =>
            new FilePart { MediaType = mediaType, Base64Data = data },
        "text" when StringOf(source, "data") is { } text => new FilePart { MediaType = StringOf(source, "media_type") ?? "text/plain", Text = text },
        "url" when StringOf(source, "url") is { } url => new FilePart { Url = url },
        _ => null,
    };

    private static string? StringOf(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGet(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An optional string field: false when present but not a string (or null, which the API also allows).</summary>
    private static bool OptionalText(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGet(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null;
    }
}
