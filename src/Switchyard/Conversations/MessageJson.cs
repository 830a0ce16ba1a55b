using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Model;

namespace Switchyard.Conversations;

/// <summary>
/// Canonical messages as JSON for storage. The canonical model is a closed set of records without serialization
/// attributes (codecs own the wire formats), so storage maps it to plain shapes of its own: a change to the model
/// fails to compile here (exhaustive switch) instead of silently losing a part.
/// </summary>
public static class MessageJson
{
    /// <summary>Serializes <paramref name="messages"/> to UTF-8 JSON.</summary>
    public static byte[] Serialize(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var stored = messages.Select(m => new StoredMessage(m.Role.ToString(), m.Content.Select(ToStored).ToList(), m.Name)).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(stored, MessageJsonContext.Default.ListStoredMessage);
    }

    /// <summary>Reads messages written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The data is not such JSON.</exception>
    public static IReadOnlyList<ChatMessage> Deserialize(ReadOnlySpan<byte> json)
    {
        var stored = JsonSerializer.Deserialize(json, MessageJsonContext.Default.ListStoredMessage) ?? [];
        return stored.Select(m => new ChatMessage(Enum.Parse<ChatRole>(m.Role), m.Content.Select(FromStored).ToList()) { Name = m.Name }).ToList();
    }

    private static StoredPart ToStored(ContentPart part) => part switch
    {
        TextPart text => new StoredPart { Type = "text", Text = text.Text },
        ImagePart image => new StoredPart { Type = "image", Url = image.Url, MediaType = image.MediaType, Data = image.Base64Data, Detail = image.Detail },
        ToolCallPart call => new StoredPart { Type = "tool_call", Id = call.Id, Name = call.Name, Arguments = call.ArgumentsJson },
        ToolResultPart result => new StoredPart { Type = "tool_result", Id = result.ToolCallId, IsError = result.IsError, Content = result.Content.Select(ToStored).ToList() },
        ThinkingPart thinking => new StoredPart { Type = "thinking", Text = thinking.Text, Signature = thinking.Signature, Redacted = thinking.Redacted },
        FilePart file => new StoredPart
        {
            Type = "file", Url = file.Url, MediaType = file.MediaType, Data = file.Base64Data, Text = file.Text, Id = file.OpenAIFileId,
            Name = file.Filename, Title = file.Title, Context = file.Context, Raw = file.Citations?.Clone(),
        },
        OpaquePart opaque => new StoredPart { Type = "opaque", Raw = opaque.Raw.Clone() },
        _ => throw new ArgumentOutOfRangeException(nameof(part), part.GetType().Name, "Unknown content part."),
    };

    private static ContentPart FromStored(StoredPart part) => part.Type switch
    {
        "text" => new TextPart(part.Text ?? string.Empty),
        "image" => new ImagePart { Url = part.Url, MediaType = part.MediaType, Base64Data = part.Data, Detail = part.Detail },
        "tool_call" => new ToolCallPart(part.Id ?? string.Empty, part.Name ?? string.Empty, part.Arguments ?? "{}"),
        "tool_result" => new ToolResultPart(part.Id ?? string.Empty, (part.Content ?? []).Select(FromStored).ToList(), part.IsError ?? false),
        "thinking" => new ThinkingPart(part.Text ?? string.Empty, part.Signature, part.Redacted ?? false),
        "file" => new FilePart
        {
            Url = part.Url, MediaType = part.MediaType, Base64Data = part.Data, Text = part.Text, OpenAIFileId = part.Id,
            Filename = part.Name, Title = part.Title, Context = part.Context, Citations = part.Raw,
        },
        "opaque" => new OpaquePart(part.Raw ?? default),
        _ => throw new JsonException($"Unknown stored content part type '{part.Type}'."),
    };
}

internal sealed record StoredMessage(string Role, List<StoredPart> Content, string? Name);

internal sealed record StoredPart
{
    public string Type { get; init; } = "text";

    public string? Text { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Arguments { get; init; }

    public string? Url { get; init; }

    public string? MediaType { get; init; }

    public string? Data { get; init; }

    public string? Detail { get; init; }

    public string? Title { get; init; }

    public string? Context { get; init; }

    public string? Signature { get; init; }

    public bool? Redacted { get; init; }

    public bool? IsError { get; init; }

    public List<StoredPart>? Content { get; init; }

    public JsonElement? Raw { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<StoredMessage>))]
internal sealed partial class MessageJsonContext : JsonSerializerContext;
