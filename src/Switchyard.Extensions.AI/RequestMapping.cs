using System.Text.Json;
using Microsoft.Extensions.AI;
using Switchyard.Model;
using Meai = Microsoft.Extensions.AI;
using Canonical = Switchyard.Model;

namespace Switchyard.Extensions.AI;

/// <summary>
/// Microsoft.Extensions.AI messages and options → the engine's canonical request. What the canonical request cannot
/// carry is refused with an <see cref="ArgumentException"/> naming it, never dropped silently. OpenAI's sampling knobs
/// (<c>FrequencyPenalty</c>, <c>PresencePenalty</c>, <c>Seed</c>) are carried, and dropped only when Claude serves the call,
/// as on the gateway (docs/library.md).
/// </summary>
internal static class RequestMapping
{
    // Arguments and results go to a provider inside a JSON string: compact, unlike the shared options' indented output.
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static ChatRequest ToCanonical(IEnumerable<Meai.ChatMessage> messages, ChatOptions? options, string? defaultModel, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = options?.ModelId ?? defaultModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("No model to ask for: set ChatOptions.ModelId, or DefaultModelId on the client's options.", nameof(options));
        }

        var canonical = new List<Canonical.ChatMessage>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            canonical.Add(Canonical.ChatMessage.FromText(Canonical.ChatRole.System, instructions));
        }

        foreach (var message in messages)
        {
            AddMessage(canonical, message);
        }

        return new ChatRequest
        {
            Model = model,
            Messages = canonical,
            MaxOutputTokens = options?.MaxOutputTokens,
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            TopK = options?.TopK,
            PresencePenalty = options?.PresencePenalty,
            FrequencyPenalty = options?.FrequencyPenalty,
            Seed = options?.Seed,
            StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            Tools = options?.Tools is { Count: > 0 } tools ? tools.Select(ToTool).ToList() : null,
            ToolChoice = ToToolChoice(options?.ToolMode),
            ParallelToolCalls = options?.AllowMultipleToolCalls,
            ResponseFormat = ToResponseFormat(options?.ResponseFormat),
            Reasoning = ToReasoning(options?.Reasoning),
            Stream = stream,
            IncludeUsage = stream,
        };
    }

    /// <summary><see cref="ChatOptions.Reasoning"/>'s effort on the canonical scale; its output setting is the provider's to honour.</summary>
    private static ReasoningRequest? ToReasoning(ReasoningOptions? options) => options?.Effort switch
    {
        null => null,
        Meai.ReasoningEffort.None => new ReasoningRequest(Canonical.ReasoningEffort.None),
        Meai.ReasoningEffort.Low => new ReasoningRequest(Canonical.ReasoningEffort.Low),
        Meai.ReasoningEffort.Medium => new ReasoningRequest(Canonical.ReasoningEffort.Medium),
        Meai.ReasoningEffort.High => new ReasoningRequest(Canonical.ReasoningEffort.High),
        _ => new ReasoningRequest(Canonical.ReasoningEffort.XHigh),
    };

    /// <summary>What a streamed answer said, as canonical parts for memory: its text as one part, then its tool calls.</summary>
    public static IReadOnlyList<ContentPart> AnswerParts(IEnumerable<AIContent> contents)
    {
        var text = new System.Text.StringBuilder();
        var calls = new List<ContentPart>();
        foreach (var content in contents)
        {
            if (content is TextContent part)
            {
                text.Append(part.Text);
            }
            else if (content is FunctionCallContent call)
            {
                calls.Add(ToPart(call)!);
            }
        }

        return text.Length > 0 ? [new TextPart(text.ToString()), .. calls] : calls;
    }

    private static void AddMessage(List<Canonical.ChatMessage> canonical, Meai.ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var role = ToRole(message.Role);
        if (role == Canonical.ChatRole.Tool)
        {
            // One canonical tool turn per result: OpenAI's wire has one `tool` message per call id.
            foreach (var content in message.Contents)
            {
                var result = content is FunctionResultContent ? ToPart(content)! : throw Unsupported(content, message.Role);
                canonical.Add(new Canonical.ChatMessage(Canonical.ChatRole.Tool, [result]));
            }

            return;
        }

        var parts = new List<ContentPart>(message.Contents.Count);
        foreach (var content in message.Contents)
        {
            if (ToPart(content) is { } part)
            {
                parts.Add(part);
            }
        }

        canonical.Add(new Canonical.ChatMessage(role, parts) { Name = message.AuthorName });
    }

    private static Canonical.ChatRole ToRole(Meai.ChatRole role) =>
        role == Meai.ChatRole.System ? Canonical.ChatRole.System
        : role == Meai.ChatRole.User ? Canonical.ChatRole.User
        : role == Meai.ChatRole.Assistant ? Canonical.ChatRole.Assistant
        : role == Meai.ChatRole.Tool ? Canonical.ChatRole.Tool
        : throw new ArgumentException($"The chat role '{role.Value}' is not one both providers know (system, user, assistant, tool).");

    // Null: content that carries no meaning for the model (usage reports a previous answer carried along).
    private static ContentPart? ToPart(AIContent content) => content switch
    {
        TextContent text => new TextPart(text.Text),
        TextReasoningContent reasoning => new ThinkingPart(reasoning.Text, reasoning.ProtectedData),
        DataContent data when data.HasTopLevelMediaType("image") => new ImagePart { MediaType = data.MediaType, Base64Data = data.Base64Data.ToString() },
        UriContent uri when uri.HasTopLevelMediaType("image") => new ImagePart { Url = uri.Uri.ToString() },
        FunctionCallContent call => new ToolCallPart(call.CallId, call.Name, ArgumentsJson(call.Arguments)),
        FunctionResultContent result => new ToolResultPart(result.CallId, [new TextPart(ResultText(result.Result))], IsError: result.Exception is not null),
        UsageContent => null,
        _ => throw Unsupported(content, null),
    };

    private static ArgumentException Unsupported(AIContent content, Meai.ChatRole? role) =>
        new(role is { } r
            ? $"A '{r.Value}' message may only hold function results; it holds {content.GetType().Name}."
            : $"{content.GetType().Name} cannot be sent through Switchyard: text, images (data or URL), reasoning, function calls and function results can.");

    private static string ArgumentsJson(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, Compact.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
        _ => JsonSerializer.Serialize(result, Compact.GetTypeInfo(result.GetType())),
    };

    private static ToolDefinition ToTool(AITool tool) => tool switch
    {
        AIFunctionDeclaration function => new ToolDefinition(function.Name, function.Description, function.JsonSchema),
        _ => throw new ArgumentException($"The tool '{tool.Name}' ({tool.GetType().Name}) is not a function: only function tools can be routed to either provider.")
    };

    private static ToolChoice? ToToolChoice(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => new ToolChoice(ToolChoiceMode.None),
        RequiredChatToolMode { RequiredFunctionName: { } name } => new ToolChoice(ToolChoiceMode.Specific, name),
        RequiredChatToolMode => new ToolChoice(ToolChoiceMode.Required),
        _ => ToolChoice.Auto,
    };

    private static Canonical.ResponseFormat? ToResponseFormat(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new Canonical.ResponseFormat(ResponseFormatKind.JsonSchema, schema, json.SchemaName ?? "response"),
        ChatResponseFormatJson => new Canonical.ResponseFormat(ResponseFormatKind.JsonObject),
        _ => null,
    };
}
