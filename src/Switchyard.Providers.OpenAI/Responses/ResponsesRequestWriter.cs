using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>Writes a canonical request as a <c>POST /v1/responses</c> body for an upstream Responses API (PROTOCOLS.md §2.1).</summary>
/// <remarks>
/// Decisions where the formats leave room:
/// <list type="bullet">
/// <item>Leading system messages become <c>instructions</c> (joined by a blank line); later ones stay in place as
/// <c>system</c> message items, which OpenAI maps to <c>developer</c> itself.</item>
/// <item><c>store</c> is false unless a Responses client asked for storage: nothing is kept upstream unasked.
/// <c>previous_response_id</c> is not forwarded: the id a client holds is the gateway's, not the provider's.</item>
/// <item><c>max_output_tokens</c> is raised to the API's floor of 16; a smaller limit would be rejected.</item>
/// <item>A reasoning effort goes out as <c>reasoning.effort</c>, and reasoning models get no <c>temperature</c> or
/// <c>top_p</c>, as in the Chat Completions writer. No <c>reasoning.summary</c> is asked for: OpenAI refuses summaries to
/// organisations it has not verified, and an answer without its reasoning is better than none.</item>
/// <item>The end-user id goes out as <c>user</c>, which OpenAI still accepts and compatible servers know.</item>
/// <item>An <c>input_tokens</c> body (<see cref="WriteCount"/>) has only what shapes the prompt: model, instructions,
/// input, tools, tool choice and text format; no output limit, sampling, user, stream, store or background.</item>
/// <item>Responses has no stop sequences and no <c>top_k</c>; both are dropped. Thinking parts are dropped too: a
/// reasoning item needs the provider's own id and encrypted content, which a canonical thinking part does not carry.</item>
/// </list>
/// </remarks>
internal static partial class ResponsesRequestWriter
{
    /// <summary>A <c>POST /v1/responses/input_tokens</c> body for <paramref name="model"/>.</summary>
    public static byte[] WriteCount(ChatRequest request, string model)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            var skip = WriteInstructions(writer, request.Messages);
            WriteInput(writer, request.Messages, skip);
            WriteTools(writer, request);
            WriteTextFormat(writer, request.ResponseFormat);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Write(ChatRequest request, UpstreamRequestOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", options.Model);
            var skip = WriteInstructions(writer, request.Messages);
            WriteInput(writer, request.Messages, skip);
            if (request.MaxOutputTokens is { } max)
            {
                writer.WriteNumber("max_output_tokens", Math.Max(max, ResponsesRequestReader.MinOutputTokens));
            }

            // Reasoning models refuse sampling knobs; see OpenAIRequestWriter.
            var reasoningModel = OpenAIReasoning.IsReasoningModel(options.Model);
            if (request.Temperature is { } temperature && !reasoningModel)
            {
                writer.WriteNumber("temperature", temperature);
            }

            if (request.TopP is { } topP && !reasoningModel)
            {
                writer.WriteNumber("top_p", topP);
            }

            if (OpenAIReasoning.EffortFor(request.Reasoning, options.Model) is { } effort)
            {
                writer.WriteStartObject("reasoning");
                writer.WriteString("effort", effort);
                writer.WriteEndObject();
            }

            WriteTools(writer, request);
            WriteTextFormat(writer, request.ResponseFormat);
            if (request.User is { } user)
            {
                writer.WriteString("user", user);
            }

            OpenAIPromptCache.Write(writer, request);

            writer.WriteBoolean("stream", options.Stream);
            writer.WriteBoolean("store", request.Responses?.Store ?? false);
            if (request.Responses is { Background: true })
            {
                writer.WriteBoolean("background", true);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the leading system messages as <c>instructions</c>; returns how many messages that consumed.</summary>
    private static int WriteInstructions(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages)
    {
        var count = 0;
        while (count < messages.Count && messages[count].Role == ChatRole.System)
        {
            count++;
        }

        if (count > 0)
        {
            writer.WriteString("instructions", string.Join("\n\n", messages.Take(count).Select(m => m.Text)));
        }

        return count;
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatRequest request)
    {
        if (request.Tools is not { Count: > 0 } tools)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            OpenAIRequestWriter.WriteFunctionFields(writer, tool);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        switch (request.ToolChoice?.Mode)
        {
            case ToolChoiceMode.Auto:
                writer.WriteString("tool_choice", "auto");
                break;
            case ToolChoiceMode.None:
                writer.WriteString("tool_choice", "none");
                break;
            case ToolChoiceMode.Required:
                writer.WriteString("tool_choice", "required");
                break;
            case ToolChoiceMode.Specific:
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteString("name", request.ToolChoice.Name);
                writer.WriteEndObject();
                break;
        }

        if (request.ParallelToolCalls is { } parallel)
        {
            writer.WriteBoolean("parallel_tool_calls", parallel);
        }
    }

    private static void WriteTextFormat(Utf8JsonWriter writer, ResponseFormat? format)
    {
        if (format is null || format.Kind == ResponseFormatKind.Text)
        {
            return;
        }

        writer.WriteStartObject("text");
        writer.WriteStartObject("format");
        if (format.Kind == ResponseFormatKind.JsonObject)
        {
            writer.WriteString("type", "json_object");
        }
        else
        {
            writer.WriteString("type", "json_schema");
            OpenAIRequestWriter.WriteJsonSchemaFields(writer, format);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
