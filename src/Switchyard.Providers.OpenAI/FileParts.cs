using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// OpenAI's file parts (Chat <c>{type:"file", file:{…}}</c>, Responses <c>{type:"input_file", …}</c>) and the
/// canonical <see cref="FilePart"/>, both ways. One source each: <c>file_data</c> as a <c>data:</c> URL, a
/// <c>file_id</c>, or (Responses only) a <c>file_url</c>.
/// </summary>
internal static class FileParts
{
    /// <summary>Reads Chat's <c>file</c> object; null when it is not one clear source.</summary>
    public static FilePart? FromChat(JsonElement file, string path) =>
        Read(file, path, urlAllowed: false);

    /// <summary>Reads a Responses <c>input_file</c> part; null when it is not one clear source.</summary>
    public static FilePart? FromResponses(JsonElement part, string path) =>
        Read(part, path, urlAllowed: true);

    private static FilePart? Read(JsonElement obj, string path, bool urlAllowed)
    {
        var data = JsonRead.String(obj, "file_data");
        var id = JsonRead.String(obj, "file_id");
        var url = urlAllowed ? JsonRead.String(obj, "file_url") : null;
        var filename = JsonRead.String(obj, "filename");
        var sources = (data is null ? 0 : 1) + (id is null ? 0 : 1) + (url is null ? 0 : 1);
        if (sources != 1)
        {
            return null;
        }

        if (data is not null)
        {
            return DataUrl.TryParse(data, out var mediaType, out var payload)
                ? new FilePart { MediaType = mediaType, Base64Data = payload, Filename = filename, Path = path }
                : null;
        }

        return new FilePart { OpenAIFileId = id, Url = url, Filename = filename, Path = path };
    }

    /// <summary>
    /// A plain-text document's text as a text part: Anthropic's <c>title</c> as a heading line and its <c>context</c>
    /// under it, so neither is lost where OpenAI has no field for them.
    /// </summary>
    public static string TextOf(FilePart file) =>
        Heading(file) is { } heading ? string.Concat(heading, "\n\n", file.Text) : file.Text ?? string.Empty;

    /// <summary>The title and context of a document, for a text part before it; null when it has neither.</summary>
    public static string? Heading(FilePart file) => (file.Title, file.Context) switch
    {
        (null, null) => null,
        ({ } title, null) => "# " + title,
        (null, { } context) => context,
        ({ } title, { } context) => string.Concat("# ", title, "\n", context),
    };

    /// <summary>OpenAI wants a filename with inline data; an Anthropic document has at most a title.</summary>
    public static string FilenameOf(FilePart file) => file.Filename ?? file.Title ?? file.MediaType switch
    {
        "application/pdf" => "document.pdf",
        "text/plain" => "document.txt",
        _ => "document",
    };

    /// <summary>The fields both OpenAI formats share: <c>filename</c> with <c>file_data</c>, or <c>file_id</c>, or (Responses) <c>file_url</c>.</summary>
    public static void WriteSourceFields(Utf8JsonWriter writer, FilePart file)
    {
        if (file.OpenAIFileId is { } id)
        {
            if (file.Filename is { } named)
            {
                writer.WriteString("filename", named);
            }

            writer.WriteString("file_id", id);
        }
        else if (file.Url is { } url)
        {
            writer.WriteString("file_url", url);
        }
        else
        {
            writer.WriteString("filename", FilenameOf(file));
            writer.WriteString("file_data", DataUrl.Build(file.MediaType ?? "application/octet-stream", file.Base64Data ?? string.Empty));
        }
    }
}
