using System.Text.Json;
using Microsoft.Extensions.AI;
using Switchyard.Gateway;
using Switchyard.Model;
using Meai = Microsoft.Extensions.AI;
using Canonical = Switchyard.Model;

namespace Switchyard.Extensions.AI;

/// <summary>The engine's canonical answer → Microsoft.Extensions.AI types, with who served it and what it cost (chat and embeddings).</summary>
internal static class ResponseMapping
{
    public static Meai.ChatResponse ToResponse(Canonical.ChatResponse response, ServedBy servedBy, decimal costUsd)
    {
        var contents = new List<AIContent>(response.Content.Count + 1);
        foreach (var part in response.Content)
        {
            if (ToContent(part) is { } content)
            {
                contents.Add(content);
            }
        }

        if (response.Refusal is { Length: > 0 } refusal)
        {
            contents.Add(new ErrorContent(refusal) { ErrorCode = "refusal" });
        }

        return new Meai.ChatResponse(new Meai.ChatMessage(Meai.ChatRole.Assistant, contents) { MessageId = response.Id })
        {
            ResponseId = response.Id,
            ModelId = response.Model,
            CreatedAt = response.Created == default ? null : response.Created,
            FinishReason = ToFinishReason(response.FinishReason),
            Usage = response.Usage is { } usage ? ToUsage(usage) : null,
            AdditionalProperties = Properties(servedBy, costUsd),
        };
    }

    /// <summary>Who served a whole answer and what it cost, every attempt included.</summary>
    public static AdditionalPropertiesDictionary Properties(ServedBy servedBy, decimal costUsd)
    {
        var properties = Properties(servedBy);
        properties[SwitchyardProperties.CostUsd] = costUsd;
        return properties;
    }

    public static AdditionalPropertiesDictionary Properties(ServedBy servedBy)
    {
        var properties = new AdditionalPropertiesDictionary
        {
            [SwitchyardProperties.Provider] = servedBy.Provider,
            [SwitchyardProperties.Model] = servedBy.Model,
            [SwitchyardProperties.Attempts] = servedBy.Attempts,
        };
        Add(properties, SwitchyardProperties.Route, servedBy.Route);
        Add(properties, SwitchyardProperties.ProviderRequestId, servedBy.ProviderRequestId);
        Add(properties, SwitchyardProperties.BudgetWarning, servedBy.BudgetWarning);
        if (servedBy.BudgetRemainingUsd is { } remaining)
        {
            properties[SwitchyardProperties.BudgetRemainingUsd] = remaining;
        }

        return properties;
    }

    public static AIContent? ToContent(ContentPart part) => part switch
    {
        TextPart text => new TextContent(text.Text),
        ThinkingPart thinking => new TextReasoningContent(thinking.Text) { ProtectedData = thinking.Signature },
        ToolCallPart call => ToFunctionCall(call.Id, call.Name, call.ArgumentsJson),
        OpaquePart opaque => new AIContent { RawRepresentation = opaque.Raw },
        _ => null, // Images and tool results are never part of an answer.
    };

    public static FunctionCallContent ToFunctionCall(string id, string name, string argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(argumentsJson.Length == 0 ? "{}" : argumentsJson, id, name, ParseArguments);

    public static ChatFinishReason? ToFinishReason(Canonical.FinishReason? reason) => reason switch
    {
        null => null,
        Canonical.FinishReason.Length or Canonical.FinishReason.ContextWindowExceeded => ChatFinishReason.Length,
        Canonical.FinishReason.ToolCalls => ChatFinishReason.ToolCalls,
        Canonical.FinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Stop,
    };

    public static UsageDetails ToUsage(TokenUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens,
            CachedInputTokenCount = usage.CachedInputTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
        };
        if (usage.CacheWriteTokens > 0)
        {
            details.AdditionalCounts = new AdditionalPropertiesDictionary<long> { ["cache_write_input_tokens"] = usage.CacheWriteTokens };
        }

        return details;
    }

    private static void Add(AdditionalPropertiesDictionary properties, string key, string? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }

    // Arguments a model wrote that are not a JSON object stay visible: FunctionCallContent carries the parse error,
    // which the function-invoking middleware reports back to the model instead of calling the function.
    private static IDictionary<string, object?>? ParseArguments(string json) =>
        (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
}
