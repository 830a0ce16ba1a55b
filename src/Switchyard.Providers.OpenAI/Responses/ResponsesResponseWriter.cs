using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>Writes a canonical response as a Responses <c>object:"response"</c> body that the official SDKs parse.</summary>
internal static class ResponsesResponseWriter
{
    public static byte[] Write(ChatResponse response, TimeProvider time, ChatRequest? request = null)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var created = response.Created == default ? now : response.Created.ToUnixTimeSeconds();
        var (status, reason) = ResponsesStatus.Write(response.FinishReason);
        var snapshot = new ResponsesSnapshot(response.Id, response.Model, created, status, Items(response))
        {
            CompletedAt = Math.Max(created, now),
            IncompleteReason = reason,
            Usage = response.Usage,
            Request = request,
        };
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ResponsesObjectWriter.Write(writer, snapshot);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Canonical content as output items in order: thinking as reasoning items, visible text and the refusal as one
    /// message item (where the first text appeared), each tool call as a function_call item.
    /// </summary>
    internal static List<ResponsesItem> Items(ChatResponse response)
    {
        var items = new List<ResponsesItem>();
        var text = new StringBuilder();
        var messageIndex = -1;
        foreach (var part in response.Content)
        {
            switch (part)
            {
                case ThinkingPart { Redacted: false } thinking:
                    items.Add(new ResponsesReasoningItem(ResponsesItemIds.Reasoning(response.Id, items.Count), thinking.Text));
                    break;
                case TextPart textPart:
                    if (messageIndex < 0)
                    {
                        messageIndex = items.Count;
                        items.Add(null!);
                    }

                    text.Append(textPart.Text);
                    break;
                case ToolCallPart call:
                    items.Add(new ResponsesFunctionCallItem(ResponsesItemIds.FunctionCall(response.Id, items.Count), call.Id, call.Name, call.ArgumentsJson));
                    break;
            }
        }

        if (messageIndex < 0 && response.Refusal is not null)
        {
            messageIndex = items.Count;
            items.Add(null!);
        }

        if (messageIndex >= 0)
        {
            items[messageIndex] = new ResponsesMessageItem(
                ResponsesItemIds.Message(response.Id, messageIndex), text.Length > 0 || response.Refusal is null ? text.ToString() : null, response.Refusal);
        }

        return items;
    }
}
