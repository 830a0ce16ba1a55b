using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal static partial class OpenAIRequestReader
{
    private static readonly string[] ImageDetails = ["auto", "low", "high"];

    /// <summary>System, developer and tool content: a string or an array of text parts.</summary>
    private static JsonProblem? ReadTextOnlyContent(JsonElement message, string path, bool required, out List<ContentPart>? parts)
    {
        parts = null;
        var problem = ContentArray(message, path, required, out var content, out var text);
        if (problem is not null || (content is null && text is null))
        {
            parts = problem is null ? [] : null;
            return problem;
        }

        if (text is not null)
        {
            parts = [new TextPart(text)];
            return null;
        }

        parts = [];
        var i = 0;
        foreach (var part in content!.Value.EnumerateArray())
        {
            var at = $"{path}.content[{i++}]";
            problem = PartType(part, at, out var type);
            if (problem is not null)
            {
                return problem;
            }

            if (type != "text")
            {
                return JsonProblem.BadValue($"{at}.type", type, "'text'");
            }

            problem = RequiredString(part, "text", at, out var value);
            if (problem is not null)
            {
                return problem;
            }

            parts.Add(new TextPart(value!));
        }

        return null;
    }

    private static JsonProblem? ReadUserContent(JsonElement message, string path, out List<ContentPart>? parts)
    {
        parts = null;
        var problem = ContentArray(message, path, required: true, out var content, out var text);
        if (problem is not null)
        {
            return problem;
        }

        if (text is not null)
        {
            parts = [new TextPart(text)];
            return null;
        }

        parts = [];
        var i = 0;
        foreach (var part in content!.Value.EnumerateArray())
        {
            var at = $"{path}.content[{i++}]";
            problem = PartType(part, at, out var type) ?? type switch
            {
                "text" => ReadTextPart(part, at, parts),
                "image_url" => ReadImagePart(part, at, parts),
                "input_audio" or "file" => ReadOpaquePart(part, at, type, parts),
                _ => JsonProblem.BadValue($"{at}.type", type, "'text', 'image_url', 'input_audio' and 'file'"),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static JsonProblem? ReadAssistantContent(JsonElement message, string path, List<ContentPart> parts)
    {
        var problem = ContentArray(message, path, required: false, out var content, out var text);
        if (problem is not null)
        {
            return problem;
        }

        if (text is not null)
        {
            if (text.Length > 0)
            {
                parts.Add(new TextPart(text));
            }

            return null;
        }

        var i = 0;
        foreach (var part in content!.Value.EnumerateArray())
        {
            var at = $"{path}.content[{i++}]";
            problem = PartType(part, at, out var type) ?? type switch
            {
                "text" => ReadTextPart(part, at, parts),
                "refusal" => RequiredString(part, "refusal", at, out var refusal) ?? Add(parts, new TextPart(refusal!)),
                _ => JsonProblem.BadValue($"{at}.type", type, "'text' and 'refusal'"),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Reads <c>content</c> as either a string (<paramref name="text"/>) or a non-empty array (<paramref name="array"/>).</summary>
    private static JsonProblem? ContentArray(JsonElement message, string path, bool required, out JsonElement? array, out string? text)
    {
        array = null;
        text = null;
        if (JsonRead.IsNullOrMissing(message, "content", out var content))
        {
            return required ? JsonProblem.Missing($"{path}.content") : null;
        }

        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                text = content.GetString();
                return null;
            case JsonValueKind.Array when content.GetArrayLength() == 0:
                return JsonProblem.Invalid(
                    $"{path}.content", "empty array. Expected an array with minimum length 1, but got an empty array instead.");
            case JsonValueKind.Array:
                array = content;
                return null;
            default:
                return JsonProblem.WrongType($"{path}.content", "one of a string or array of objects", content);
        }
    }

    internal static JsonProblem? PartType(JsonElement part, string at, out string? type)
    {
        type = null;
        if (part.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType(at, "an object", part);
        }

        return RequiredString(part, "type", at, out type);
    }

    private static JsonProblem? ReadTextPart(JsonElement part, string at, List<ContentPart> parts) =>
        RequiredString(part, "text", at, out var text) ?? Add(parts, new TextPart(text!));

    private static JsonProblem? ReadOpaquePart(JsonElement part, string at, string? type, List<ContentPart> parts)
    {
        if (JsonRead.IsNullOrMissing(part, type!, out var payload))
        {
            return JsonProblem.Missing($"{at}.{type}");
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType($"{at}.{type}", "an object", payload);
        }

        if (type == "input_audio")
        {
            var problem = RequiredString(payload, "data", $"{at}.input_audio", out _)
                ?? RequiredString(payload, "format", $"{at}.input_audio", out _);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (type == "file" && FileParts.FromChat(payload, at) is { } file)
        {
            return Add(parts, file);
        }

        // Audio (and a file part of no shape this gateway reads) has no canonical part; kept verbatim so OpenAI-to-OpenAI
        // routes lose nothing, and refused by name on the way to another format.
        return Add(parts, new OpaquePart(part.Clone()) { Path = at });
    }

    private static JsonProblem? ReadImagePart(JsonElement part, string at, List<ContentPart> parts)
    {
        if (JsonRead.IsNullOrMissing(part, "image_url", out var image))
        {
            return JsonProblem.Missing($"{at}.image_url");
        }

        if (image.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType($"{at}.image_url", "an object", image);
        }

        JsonProblem? problem;
        if ((problem = RequiredString(image, "url", $"{at}.image_url", out var url)) is not null
            || (problem = OptionalString(image, "detail", out var detail, $"{at}.image_url.")) is not null)
        {
            return problem;
        }

        problem = ReadImageUrl(url!, detail, $"{at}.image_url.url", $"{at}.image_url.detail", out var imagePart);
        return problem ?? Add(parts, imagePart!);
    }

    /// <summary>
    /// An image reference as both OpenAI formats carry it: an http(s) URL or a base64 data URL, with an optional
    /// <c>detail</c> hint. Shared by Chat Completions (<c>image_url.url</c>) and Responses (<c>input_image.image_url</c>).
    /// </summary>
    internal static JsonProblem? ReadImageUrl(string url, string? detail, string urlParam, string detailParam, out ImagePart? image)
    {
        image = null;
        if (detail is not null && Array.IndexOf(ImageDetails, detail) < 0)
        {
            return JsonProblem.BadValue(detailParam, detail, "'auto', 'low' and 'high'");
        }

        if (DataUrl.TryParse(url, out var mediaType, out var data))
        {
            image = new ImagePart { MediaType = mediaType, Base64Data = data, Detail = detail };
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            image = new ImagePart { Url = url, Detail = detail };
            return null;
        }

        return JsonProblem.Invalid(urlParam, "Expected a valid http(s) URL or a base64-encoded data URL (data:image/png;base64,...).");
    }

    private static JsonProblem? Add(List<ContentPart> parts, ContentPart part)
    {
        parts.Add(part);
        return null;
    }
}
