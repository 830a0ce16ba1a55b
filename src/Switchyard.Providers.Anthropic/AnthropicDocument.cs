using System.Text;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// A <see cref="FilePart"/> as Anthropic's <c>document</c> block. Claude reads PDFs (base64 or URL) and plain text; a
/// base64 <c>text/plain</c> file from an OpenAI client becomes a text source, as Anthropic takes text only that way.
/// Anything else (an OpenAI file id, other media types) has no document form, and <see cref="Untranslatable"/> says why.
/// </summary>
internal static class AnthropicDocument
{
    private const string Pdf = "application/pdf";
    private const string PlainText = "text/plain";

    /// <summary>Why Claude cannot take <paramref name="file"/>; null when it can.</summary>
    public static string? Untranslatable(FilePart file)
    {
        if (file.Text is not null || file.Url is not null)
        {
            return null;
        }

        if (file.OpenAIFileId is { } id)
        {
            return $"the OpenAI file id `{id}` means nothing to Anthropic; send the file inline instead (file_data as a data: URL).";
        }

        return file.MediaType switch
        {
            Pdf => null,
            PlainText => DecodeText(file.Base64Data) is null ? "the file_data of a text/plain file is not valid base64 UTF-8 text." : null,
            var other => $"Claude reads PDF (application/pdf) and plain-text (text/plain) documents, not `{other}`.",
        };
    }

    public static void Write(Utf8JsonWriter w, FilePart file)
    {
        w.WriteStartObject();
        w.WriteString("type", "document");
        w.WriteStartObject("source");
        if (file.Text is { } text)
        {
            WriteTextSource(w, text);
        }
        else if (file.Url is { } url)
        {
            w.WriteString("type", "url");
            w.WriteString("url", url);
        }
        else if (file.MediaType == PlainText)
        {
            WriteTextSource(w, DecodeText(file.Base64Data) ?? string.Empty);
        }
        else
        {
            w.WriteString("type", "base64");
            w.WriteString("media_type", file.MediaType ?? Pdf);
            w.WriteString("data", file.Base64Data ?? string.Empty);
        }

        w.WriteEndObject();
        // An OpenAI filename is the nearest thing to a title: the model sees it either way.
        if ((file.Title ?? file.Filename) is { } title)
        {
            w.WriteString("title", title);
        }

        if (file.Context is { } context)
        {
            w.WriteString("context", context);
        }

        if (file.Citations is { } citations)
        {
            w.WritePropertyName("citations");
            citations.WriteTo(w);
        }

        AnthropicCacheControl.Write(w, file.Cache);
        w.WriteEndObject();
    }

    private static void WriteTextSource(Utf8JsonWriter w, string text)
    {
        w.WriteString("type", "text");
        w.WriteString("media_type", PlainText);
        w.WriteString("data", text);
    }

    private static string? DecodeText(string? base64)
    {
        if (base64 is null)
        {
            return null;
        }

        var bytes = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
