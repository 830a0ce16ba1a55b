using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Requests;

/// <summary>Maps Responses input items onto the canonical conversation (see <see cref="ConversationBuilder"/>).</summary>
internal static class ResponsesItems
{
    public static void AddTo(ConversationBuilder builder, JsonElement item, bool isLast)
    {
        switch (JsonText.GetString(item, "type") ?? "message")
        {
            case "message":
                item.TryGetProperty("content", out var content);
                switch (JsonText.GetString(item, "role"))
                {
                    case "system" or "developer":
                        builder.AddSystem(JsonText.ContentText(content));
                        break;
                    case "assistant" when isLast:
                        // As in chat completions, a trailing assistant message is the start of the answer.
                        builder.SetPrefill(JsonText.ContentText(content));
                        break;
                    case "assistant":
                        AddParts(builder, "assistant", content);
                        break;
                    default:
                        AddParts(builder, "user", content);
                        break;
                }

                break;
            case "function_call":
                builder.AddToolCall(JsonText.GetString(item, "name") ?? string.Empty, JsonText.CompactString(JsonText.GetString(item, "arguments") ?? "{}"));
                break;
            case "function_call_output":
                builder.AddToolResult(item.TryGetProperty("output", out var output) ? JsonText.ContentText(output) : string.Empty);
                break;
        }
    }

    private static void AddParts(ConversationBuilder builder, string role, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            builder.Add(role, content.GetString()!);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var part in content.EnumerateArray())
        {
            switch (JsonText.GetString(part, "type"))
            {
                case "input_text" or "output_text" or "text":
                    builder.Add(role, JsonText.GetString(part, "text") ?? string.Empty);
                    break;
                case "input_image":
                    builder.AddImage(role);
                    break;
            }
        }
    }
}
