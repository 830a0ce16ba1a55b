using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.Conversations;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The items a stored response was generated from (<c>GET /v1/responses/{id}/input_items</c>), oldest first: for each
/// earlier response of its chain, that response's input and then its output; then its own input.
/// </summary>
/// <remarks>
/// Input is stored in canonical form, so it reads back in the canonical shape: <c>developer</c> messages as
/// <c>system</c>, string content as one <c>input_text</c> part, consecutive assistant items folded into one message
/// and its calls. Earlier output is the items the client received (its response object), reasoning left out: the
/// gateway does not carry reasoning from one response to the next.
/// </remarks>
internal static class ResponsesInputItems
{
    private const string Completed = "completed";

    public static List<ResponsesListItem> Of(IReadOnlyList<StoredResponse> chain)
    {
        var items = new List<ResponsesListItem>();
        for (var i = 0; i < chain.Count; i++)
        {
            var response = chain[i];
            AddInput(items, response.Id, response.Input);
            if (i < chain.Count - 1)
            {
                // A response's own output is not its input; its ancestors' outputs are.
                AddOutput(items, response);
            }
        }

        return items;
    }

    private static void AddInput(List<ResponsesListItem> items, string responseId, IReadOnlyList<ChatMessage> input)
    {
        var index = 0;
        foreach (var message in input)
        {
            if (message.Role == ChatRole.Assistant)
            {
                foreach (var item in AssistantItems(message, n => ResponsesItemIds.Input("msg_", responseId, n), n => ResponsesItemIds.Input("fc_", responseId, n), ref index))
                {
                    items.Add(Serialize(item));
                }

                continue;
            }

            foreach (var result in message.Content.OfType<ToolResultPart>())
            {
                var id = ResponsesItemIds.Input("fco_", responseId, index++);
                items.Add(Write(id, writer => WriteToolResult(writer, id, result)));
            }

            var parts = message.Content.Where(ResponsesRequestWriter.IsUserPart).ToList();
            if (message.Role != ChatRole.Tool && parts.Count > 0)
            {
                var id = ResponsesItemIds.Input("msg_", responseId, index++);
                var role = message.Role == ChatRole.System ? "system" : "user";
                items.Add(Write(id, writer => ResponsesRequestWriter.WriteMessage(writer, role, parts, id)));
            }
        }
    }

    /// <summary>The output items as the client received them; the canonical output when the response object is missing or unreadable.</summary>
    private static void AddOutput(List<ResponsesListItem> items, StoredResponse response)
    {
        if (response.ResponseObject is { } json && ReceivedOutput(json) is { } received)
        {
            items.AddRange(received);
            return;
        }

        var index = 0;
        foreach (var message in response.Output)
        {
            foreach (var item in AssistantItems(message, n => ResponsesItemIds.Message(response.Id, n), n => ResponsesItemIds.FunctionCall(response.Id, n), ref index))
            {
                items.Add(Serialize(item));
            }
        }
    }

    private static List<ResponsesListItem>? ReceivedOutput(byte[] responseObject)
    {
        try
        {
            using var document = JsonDocument.Parse(responseObject);
            if (!document.RootElement.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var items = new List<ResponsesListItem>();
            foreach (var item in output.EnumerateArray())
            {
                if (JsonRead.String(item, "type") == "reasoning")
                {
                    continue;
                }

                if (JsonRead.String(item, "id") is not { Length: > 0 } id)
                {
                    return null; // Without its ids the list cannot be paged; the canonical output has ids of its own.
                }

                items.Add(new ResponsesListItem(id, Encoding.UTF8.GetBytes(item.GetRawText())));
            }

            return items;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An assistant turn as items: its text as one message where the text began, each tool call as a function_call.</summary>
    private static List<ResponsesItem> AssistantItems(ChatMessage message, Func<int, string> messageId, Func<int, string> callId, ref int index)
    {
        var items = new List<ResponsesItem>();
        var text = new StringBuilder();
        var textAt = -1;
        foreach (var part in message.Content)
        {
            if (part is TextPart textPart)
            {
                if (textAt < 0)
                {
                    textAt = items.Count;
                    items.Add(null!);
                }

                text.Append(textPart.Text);
            }
            else if (part is ToolCallPart call)
            {
                items.Add(new ResponsesFunctionCallItem(callId(index + items.Count), call.Id, call.Name, string.IsNullOrWhiteSpace(call.ArgumentsJson) ? "{}" : call.ArgumentsJson));
            }
        }

        if (textAt >= 0)
        {
            items[textAt] = new ResponsesMessageItem(messageId(index + textAt), text.ToString(), null);
        }

        index += items.Count;
        return items;
    }

    private static ResponsesListItem Serialize(ResponsesItem item) =>
        Write(item.Id, writer => ResponsesObjectWriter.WriteItem(writer, item, Completed));

    private static void WriteToolResult(Utf8JsonWriter writer, string id, ToolResultPart result)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("type", "function_call_output");
        writer.WriteString("status", Completed);
        writer.WriteString("call_id", result.ToolCallId);
        ResponsesRequestWriter.WriteToolOutput(writer, result);
        writer.WriteEndObject();
    }

    private static ResponsesListItem Write(string id, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new ResponsesListItem(id, buffer.WrittenSpan.ToArray());
    }
}
