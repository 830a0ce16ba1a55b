using System.Text.Json;
using Switchyard.Conversations;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Model;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// <c>previous_response_id</c>: the stored conversation is put in front of the new input before routing, so any provider
/// can continue a response any other provider served. As OpenAI documents, the previous response's
/// <c>instructions</c> are not carried over: only the new request's instructions apply.
/// </summary>
internal static class ResponseChain
{
    /// <summary>The error OpenAI gives for an unknown previous response (also for another tenant's, or a <c>store:false</c> one).</summary>
    public static Failure NotFound(string id) =>
        new(FailureKind.NotFound, $"Previous response with id '{id}' not found.")
        {
            Param = "previous_response_id",
            ProviderErrorCode = "previous_response_not_found",
        };

    /// <summary>
    /// The request's own input: its messages without the leading <c>instructions</c> message the reader made of the
    /// <c>instructions</c> field (an input item with role <c>system</c>/<c>developer</c> is input, and is kept).
    /// </summary>
    public static IReadOnlyList<ChatMessage> NewInput(GatewayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = request.Request.Messages;
        return HasInstructions(request.RawBody) && messages.Count > 0 && messages[0].Role == ChatRole.System
            ? messages.Skip(1).ToList()
            : messages;
    }

    /// <summary><paramref name="request"/> with <paramref name="history"/> between its instructions and its new input.</summary>
    public static GatewayRequest Expand(GatewayRequest request, ConversationHistory history)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(history);
        var input = NewInput(request);
        var instructions = request.Request.Messages.Take(request.Request.Messages.Count - input.Count);
        List<ChatMessage> messages = [.. instructions, .. history.Messages, .. input];
        return request with { Request = request.Request with { Messages = messages } };
    }

    /// <summary>The assistant turn to store for a response: its text and tool calls (reasoning is not carried across providers).</summary>
    public static IReadOnlyList<ChatMessage> Output(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var parts = response.Content.Where(p => p is not ThinkingPart).ToList();
        return parts.Count == 0 ? [] : [new ChatMessage(ChatRole.Assistant, parts)];
    }

    private static bool HasInstructions(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("instructions", out var instructions)
                && instructions.ValueKind == JsonValueKind.String
                && instructions.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false; // The reader validated this body already; nothing to find.
        }
    }
}
