using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Model;

namespace Switchyard.Storage;

/// <summary>
/// Stores a canonical <see cref="ChatMessage"/> as JSON for the memory store. Hand-written because the canonical parts
/// are a closed record hierarchy without serializer attributes (the engine keeps wire concerns out of the model); the
/// flat <see cref="StoredPart"/> shape keeps every part lossless, opaque blocks included.
/// </summary>
internal static class MemoryMessageCodec
{
    public static string Serialize(ChatMessage message) =>
        JsonSerializer.Serialize(new StoredMessage(message.Role, message.Name, message.Content.Select(ToStored).ToList()), MemoryJsonContext.Default.StoredMessage);

    public static ChatMessage Deserialize(string json)
    {
        var stored = JsonSerializer.Deserialize(json, MemoryJsonContext.Default.StoredMessage)
            ?? throw new InvalidDataException("A stored memory turn is empty.");
        return new ChatMessage(stored.Role, stored.Parts.Select(FromStored).ToArray()) { Name = stored.Name };
    }

    private static StoredPart ToStored(ContentPart part) => part switch
    {
        TextPart text => new StoredPart("text") { Text = text.Text },
        ImagePart image => new StoredPart("image") { Url = image.Url, MediaType = image.MediaType, Data = image.Base64Data, Detail = image.Detail },
        ToolCallPart call => new StoredPart("tool_call") { Id = call.Id, Name = call.Name, Text = call.ArgumentsJson },
        ToolResultPart result => new StoredPart("tool_result") { Id = result.ToolCallId, IsError = result.IsError, Parts = result.Content.Select(ToStored).ToList() },
        ThinkingPart thinking => new StoredPart("thinking") { Text = thinking.Text, Signature = thinking.Signature, IsError = thinking.Redacted },
        FilePart file => new StoredPart("file")
        {
            Url = file.Url, MediaType = file.MediaType, Data = file.Base64Data, Text = file.Text, Id = file.OpenAIFileId,
            Name = file.Filename, Title = file.Title, Context = file.Context, Raw = file.Citations,
        },
        OpaquePart opaque => new StoredPart("opaque") { Raw = opaque.Raw },
        _ => throw new NotSupportedException($"Unknown content part {part.GetType().Name}."),
    };

    private static ContentPart FromStored(StoredPart part) => part.Kind switch
    {
        "text" => new TextPart(part.Text ?? string.Empty),
        "image" => new ImagePart { Url = part.Url, MediaType = part.MediaType, Base64Data = part.Data, Detail = part.Detail },
        "tool_call" => new ToolCallPart(part.Id ?? string.Empty, part.Name ?? string.Empty, part.Text ?? "{}"),
        "tool_result" => new ToolResultPart(part.Id ?? string.Empty, (part.Parts ?? []).Select(FromStored).ToArray(), part.IsError),
        "thinking" => new ThinkingPart(part.Text ?? string.Empty, part.Signature, part.IsError),
        "file" => new FilePart
        {
            Url = part.Url, MediaType = part.MediaType, Base64Data = part.Data, Text = part.Text, OpenAIFileId = part.Id,
            Filename = part.Name, Title = part.Title, Context = part.Context, Citations = part.Raw,
        },
        "opaque" => new OpaquePart(part.Raw ?? default),
        _ => throw new InvalidDataException($"A stored memory turn has an unknown part kind '{part.Kind}'."),
    };
}
