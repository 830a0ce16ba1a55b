using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Writes a canonical request (typically translated from an Anthropic client) as a Chat Completions body,
/// applying PROTOCOLS.md §5.1/§5.2 in the Anthropic-to-OpenAI direction.
/// </summary>
/// <remarks>
/// Decisions where the protocols leave room:
/// <list type="bullet">
/// <item>Instructions are written in place with role <c>system</c>; OpenAI maps <c>system</c> to <c>developer</c>
/// for o-series models itself, while OpenAI-compatible servers often reject <c>developer</c>.</item>
/// <item>Temperature is passed as given: Anthropic's 0–1 range is valid on OpenAI's 0–2 scale, and rescaling would
/// change the meaning the client chose. <c>top_k</c> has no OpenAI equivalent and is dropped.</item>
/// <item>More than four stop sequences cannot be sent; the first four are kept (a writer cannot reject).</item>
/// <item>A reasoning effort (an Anthropic thinking budget placed on the effort scale) goes out as <c>reasoning_effort</c>,
/// except to models that refuse one (<see cref="OpenAIReasoning.EffortFor"/>). Reasoning models refuse <c>temperature</c>,
/// <c>top_p</c> and the penalties, which are then left out, so a Claude request still has an answer from them.</item>
/// <item>The token limit goes out as <c>max_completion_tokens</c>, which reasoning models require.</item>
/// <item>A stream always asks for <c>include_usage</c>: the gateway must see usage to bill, whatever the client asked.</item>
/// <item>The end-user id goes out as <c>user</c>, accepted by OpenAI and by compatible servers alike.</item>
/// </list>
/// </remarks>
internal static partial class OpenAIRequestWriter
{
    private const int MaxStopSequences = 4;

    public static byte[] Write(ChatRequest request, UpstreamRequestOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", options.Model);
            WriteMessages(writer, request.Messages);
            WriteSampling(writer, request, OpenAIReasoning.IsReasoningModel(options.Model));
            if (OpenAIReasoning.EffortFor(request.Reasoning, options.Model) is { } effort)
            {
                writer.WriteString("reasoning_effort", effort);
            }

            if (request.StopSequences is { Count: > 0 } stop)
            {
                writer.WriteStartArray("stop");
                foreach (var sequence in stop.Take(MaxStopSequences))
                {
                    writer.WriteStringValue(sequence);
                }

                writer.WriteEndArray();
            }

            WriteTools(writer, request);
            WriteResponseFormat(writer, request.ResponseFormat);
            if (request.User is { } user)
            {
                writer.WriteString("user", user);
            }

            OpenAIPromptCache.Write(writer, request);

            writer.WriteBoolean("stream", options.Stream);
            if (options.Stream)
            {
                writer.WriteStartObject("stream_options");
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Each knob only when the client set it: an absent field keeps the provider's own default.
    private static void WriteSampling(Utf8JsonWriter writer, ChatRequest request, bool reasoningModel)
    {
        // Anthropic's cache pre-warm (max_tokens 0) has no OpenAI form: OpenAI caches a prompt by itself and answers at least a token.
        WriteIfSet(writer, "max_completion_tokens", request.MaxOutputTokens is 0 ? 1 : request.MaxOutputTokens);
        if (!reasoningModel)
        {
            WriteIfSet(writer, "temperature", request.Temperature);
            WriteIfSet(writer, "top_p", request.TopP);
            WriteIfSet(writer, "presence_penalty", request.PresencePenalty);
            WriteIfSet(writer, "frequency_penalty", request.FrequencyPenalty);
        }

        WriteIfSet(writer, "seed", request.Seed);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatRequest request)
    {
        // OpenAI rejects tool_choice and parallel_tool_calls without tools, so both go out only with tools.
        if (request.Tools is not { Count: > 0 } tools)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            WriteFunctionFields(writer, tool);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteToolChoice(writer, request.ToolChoice);
        if (request.ParallelToolCalls is { } parallel)
        {
            writer.WriteBoolean("parallel_tool_calls", parallel);
        }
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, ToolChoice? choice)
    {
        switch (choice?.Mode)
        {
            case null:
                return;
            case ToolChoiceMode.Auto:
                writer.WriteString("tool_choice", "auto");
                return;
            case ToolChoiceMode.None:
                writer.WriteString("tool_choice", "none");
                return;
            case ToolChoiceMode.Required:
                writer.WriteString("tool_choice", "required");
                return;
            case ToolChoiceMode.Specific:
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", choice.Name);
                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
        }
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, ResponseFormat? format)
    {
        if (format is null || format.Kind == ResponseFormatKind.Text)
        {
            // Text is the default; omitting it keeps the body valid for servers without response_format support.
            return;
        }

        writer.WriteStartObject("response_format");
        if (format.Kind == ResponseFormatKind.JsonObject)
        {
            writer.WriteString("type", "json_object");
        }
        else
        {
            writer.WriteString("type", "json_schema");
            writer.WriteStartObject("json_schema");
            WriteJsonSchemaFields(writer, format);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>A function tool's fields; Chat Completions nests them in <c>function</c>, Responses writes them flat.</summary>
    internal static void WriteFunctionFields(Utf8JsonWriter writer, ToolDefinition tool)
    {
        writer.WriteString("name", tool.Name);
        if (tool.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        if (tool.Parameters is { } parameters)
        {
            writer.WritePropertyName("parameters");
            parameters.WriteTo(writer);
        }

        if (tool.Strict is { } strict)
        {
            writer.WriteBoolean("strict", strict);
        }
    }

    /// <summary>A JSON schema format's fields; Chat Completions nests them in <c>json_schema</c>, Responses in <c>text.format</c>.</summary>
    internal static void WriteJsonSchemaFields(Utf8JsonWriter writer, ResponseFormat format)
    {
        // OpenAI requires a name; Anthropic's output_config has none.
        writer.WriteString("name", format.Name ?? "response");
        if (format.Schema is { } schema)
        {
            writer.WritePropertyName("schema");
            schema.WriteTo(writer);
        }

        if (format.Strict is { } strict)
        {
            writer.WriteBoolean("strict", strict);
        }
    }
}
