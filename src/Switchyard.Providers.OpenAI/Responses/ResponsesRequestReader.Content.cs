using System.Text.Json;
using Switchyard.Model;
using static Switchyard.Providers.OpenAI.OpenAIRequestReader;

namespace Switchyard.Providers.OpenAI;

internal static partial class ResponsesRequestReader
{
    private static JsonProblem? ReadMessageContent(JsonElement item, string path, ChatRole role, List<ContentPart> parts)
    {
        if (JsonRead.IsNullOrMissing(item, "content", out var content))
        {
            return JsonProblem.Missing($"{path}.content");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            if (role != ChatRole.Assistant || text.Length > 0)
            {
                parts.Add(new TextPart(text));
            }

            return null;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return JsonProblem.WrongType($"{path}.content", "one of a string or array of objects", content);
        }

        return ReadParts(content, $"{path}.content", role, parts);
    }

    private static JsonProblem? ReadParts(JsonElement array, string path, ChatRole role, List<ContentPart> parts)
    {
        var i = 0;
        foreach (var part in array.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            var problem = PartType(part, at, out var type) ?? (type, role) switch
            {
                ("input_text" or "output_text", _) => ReadText(part, at, parts),
                ("refusal", ChatRole.Assistant) => ReadRefusal(part, at, parts),
                ("input_image", ChatRole.User) => ReadImage(part, at, parts),
                ("input_file", ChatRole.User) => ReadFile(part, at, parts),
                _ => JsonProblem.BadValue($"{at}.type", type, SupportedParts(role)),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string SupportedParts(ChatRole role) => role switch
    {
        ChatRole.User => "'input_text', 'input_image', 'input_file' and 'output_text'",
        ChatRole.Assistant => "'output_text', 'input_text' and 'refusal'",
        _ => "'input_text' and 'output_text'",
    };

    private static JsonProblem? ReadText(JsonElement part, string at, List<ContentPart> parts)
    {
        var problem = OpenAIRequestReader.RequiredString(part, "text", at, out var text);
        if (problem is null)
        {
            parts.Add(new TextPart(text!));
        }

        return problem;
    }

    private static JsonProblem? ReadRefusal(JsonElement part, string at, List<ContentPart> parts)
    {
        var problem = OpenAIRequestReader.RequiredString(part, "refusal", at, out var refusal);
        if (problem is null)
        {
            // A past refusal stays visible to the next model as what the assistant said (as on the chat front door).
            parts.Add(new TextPart(refusal!));
        }

        return problem;
    }

    /// <summary><c>{type:"input_image", image_url, detail}</c>: the URL is a string here, not Chat's nested object.</summary>
    private static JsonProblem? ReadImage(JsonElement part, string at, List<ContentPart> parts)
    {
        JsonProblem? problem;
        if ((problem = OptionalString(part, "image_url", out var url, at + ".")) is not null
            || (problem = OptionalString(part, "detail", out var detail, at + ".")) is not null)
        {
            return problem;
        }

        if (url is null)
        {
            return JsonRead.String(part, "file_id") is not null
                ? new JsonProblem($"Invalid value for '{at}.file_id': uploaded files are not supported by this gateway; send 'image_url' instead.", $"{at}.file_id")
                : JsonProblem.Missing($"{at}.image_url");
        }

        problem = ReadImageUrl(url, detail, $"{at}.image_url", $"{at}.detail", out var image);
        if (problem is null)
        {
            parts.Add(image!);
        }

        return problem;
    }

    private static JsonProblem? ReadFile(JsonElement part, string at, List<ContentPart> parts)
    {
        if (JsonRead.String(part, "file_data") is null && JsonRead.String(part, "file_id") is null && JsonRead.String(part, "file_url") is null)
        {
            return JsonProblem.Missing($"{at}.file_data");
        }

        // A shape this gateway does not read (several sources at once, file_data that is no data: URL) stays verbatim.
        parts.Add(FileParts.FromResponses(part, at) ?? (ContentPart)new OpaquePart(part.Clone()) { Path = at });
        return null;
    }
}
