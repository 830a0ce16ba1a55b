using System.Buffers;
using System.Text.Json;
using Switchyard.Conversations;

namespace Switchyard.Providers.OpenAI;

public sealed partial class OpenAIResponsesCodec
{
    /// <summary>
    /// The input items of the last response of <paramref name="chain"/> (<c>GET /v1/responses/{id}/input_items</c>), oldest
    /// first: every earlier response's input and output, then its own input; never any <c>instructions</c>. Each item has
    /// an id that stays the same from one call to the next.
    /// </summary>
    /// <param name="chain">The stored responses of the conversation, oldest first (<see cref="IConversationStore.LoadChainAsync"/>).</param>
    public static IReadOnlyList<ResponsesListItem> WriteInputItems(IReadOnlyList<StoredResponse> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return ResponsesInputItems.Of(chain);
    }

    /// <summary>
    /// One page of an item list: <c>{"object":"list","data":[…],"first_id","last_id","has_more"}</c>; the ids are null
    /// when the page is empty.
    /// </summary>
    public static byte[] WriteItemList(IReadOnlyList<ResponsesListItem> page, bool hasMore)
    {
        ArgumentNullException.ThrowIfNull(page);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var item in page)
            {
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("first_id", page.Count > 0 ? page[0].Id : null);
            writer.WriteString("last_id", page.Count > 0 ? page[^1].Id : null);
            writer.WriteBoolean("has_more", hasMore);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
