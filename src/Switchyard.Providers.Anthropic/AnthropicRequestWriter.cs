using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Writes a canonical request (typically from an OpenAI client) as an Anthropic Messages body (PROTOCOLS.md §5.1–5.2).
/// Choices where the formats differ:
/// <list type="bullet">
/// <item>Every System message is hoisted into top-level <c>system</c> (a string when there is one text without a cache
/// breakpoint, text blocks otherwise).</item>
/// <item>Prompt-cache breakpoints (<see cref="CacheBreakpoint"/>) on blocks, tools and the request go out as
/// <c>cache_control</c>, so a body written again (memory's context, the library) keeps the client's cache discount.</item>
/// <item><c>temperature</c> is clamped to 0–1, not scaled: clamping leaves a request that was already on Anthropic's scale unchanged.</item>
/// <item><c>json_object</c> has no Anthropic equivalent and is dropped: OpenAI requires such prompts to ask for JSON already.</item>
/// <item><c>presence_penalty</c>, <c>frequency_penalty</c> and <c>seed</c> have no Anthropic equivalent and are dropped: they
/// tune or repeat sampling, and a fallback that answers without them is better than no answer.</item>
/// <item>A reasoning effort becomes extended thinking with a budget (<see cref="AnthropicThinking"/>); with thinking on,
/// <c>temperature</c>, <c>top_k</c> and a <c>top_p</c> under 0.95 are left out, as the API refuses them.</item>
/// <item><c>max_tokens</c> is the request's limit (0 for a cache pre-warm), else <see cref="UpstreamRequestOptions.DefaultMaxOutputTokens"/> (never below 1).</item>
/// <item>A <c>count_tokens</c> body (<see cref="WriteCount"/>) has only what shapes the prompt: model, system, messages,
/// tools, tool choice and output format; the endpoint refuses output limits, sampling, metadata and <c>stream</c>.</item>
/// </list>
/// </summary>
internal static partial class AnthropicRequestWriter
{
    public static byte[] Write(ChatRequest request, UpstreamRequestOptions options) => Write(request, options, tokenCount: false);

    /// <summary>A <c>POST /v1/messages/count_tokens</c> body for <paramref name="model"/>.</summary>
    public static byte[] WriteCount(ChatRequest request, string model) => Write(request, new UpstreamRequestOptions(model, Stream: false), tokenCount: true);

    private static byte[] Write(ChatRequest request, UpstreamRequestOptions options, bool tokenCount)
    {
        var system = new List<TextPart>();
        var turns = BuildTurns(request.Messages, system);
        return AnthropicJson.Write((request, options, system, turns, tokenCount), static (w, s) => WriteBody(w, s.request, s.options, s.system, s.turns, s.tokenCount));
    }

    private static void WriteBody(Utf8JsonWriter w, ChatRequest request, UpstreamRequestOptions options, List<TextPart> system, List<Turn> turns, bool tokenCount)
    {
        w.WriteStartObject();
        w.WriteString("model", options.Model);
        // A client's 0 is a cache pre-warm and stays 0; a default is never below 1.
        var maxTokens = request.MaxOutputTokens is { } asked ? Math.Max(0, asked) : Math.Max(1, options.DefaultMaxOutputTokens);
        if (!tokenCount)
        {
            w.WriteNumber("max_tokens", maxTokens);
        }

        WriteSystem(w, system);
        w.WriteStartArray("messages");
        foreach (var turn in turns)
        {
            WriteTurn(w, turn);
        }

        w.WriteEndArray();
        AnthropicCacheControl.Write(w, request.Cache);
        if (tokenCount)
        {
            WriteTools(w, request);
            WriteOutputConfig(w, request);
            w.WriteEndObject();
            return;
        }

        if (request.StopSequences is { Count: > 0 } stops)
        {
            w.WriteStartArray("stop_sequences");
            foreach (var stop in stops)
            {
                w.WriteStringValue(stop);
            }

            w.WriteEndArray();
        }

        // With thinking on, the API refuses temperature, top_k and a top_p under 0.95.
        var thinkingBudget = AnthropicThinking.BudgetFor(request, maxTokens);
        if (request.Temperature is { } temperature && thinkingBudget is null)
        {
            w.WriteNumber("temperature", Math.Clamp(temperature, 0, 1));
        }

        if (request.TopP is { } topP && (thinkingBudget is null || AnthropicThinking.AcceptsTopP(topP)))
        {
            w.WriteNumber("top_p", topP);
        }

        if (request.TopK is { } topK && thinkingBudget is null)
        {
            w.WriteNumber("top_k", topK);
        }

        if (thinkingBudget is { } budget)
        {
            AnthropicThinking.Write(w, request.Reasoning!, budget);
        }

        WriteTools(w, request);
        if (request.User is { } user)
        {
            w.WriteStartObject("metadata");
            w.WriteString("user_id", user);
            w.WriteEndObject();
        }

        WriteOutputConfig(w, request);
        w.WriteBoolean("stream", options.Stream);
        w.WriteEndObject();
    }

    private static void WriteOutputConfig(Utf8JsonWriter w, ChatRequest request)
    {
        if (request.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema, Schema: { ValueKind: JsonValueKind.Object } schema })
        {
            w.WriteStartObject("output_config");
            w.WriteStartObject("format");
            w.WriteString("type", "json_schema");
            w.WritePropertyName("schema");
            schema.WriteTo(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    private static void WriteSystem(Utf8JsonWriter w, List<TextPart> system)
    {
        if (system is [{ Cache: null } only])
        {
            w.WriteString("system", only.Text);
        }
        else if (system.Count > 0)
        {
            w.WriteStartArray("system");
            foreach (var text in system)
            {
                WriteBlock(w, text);
            }

            w.WriteEndArray();
        }
    }

    private static void WriteTools(Utf8JsonWriter w, ChatRequest request)
    {
        if (request.Tools is not { Count: > 0 } tools)
        {
            // Anthropic rejects tool_choice without tools; with no tools there is nothing to choose.
            return;
        }

        w.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            w.WriteStartObject();
            w.WriteString("name", tool.Name);
            if (tool.Description is { } description)
            {
                w.WriteString("description", description);
            }

            w.WritePropertyName("input_schema");
            WriteInputSchema(w, tool.Parameters);
            if (tool.Strict is { } strict)
            {
                w.WriteBoolean("strict", strict);
            }

            AnthropicCacheControl.Write(w, tool.Cache);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteToolChoice(w, request.ToolChoice, request.ParallelToolCalls == false);
    }

    /// <summary>Anthropic requires an object schema with <c>type:"object"</c>; OpenAI allows none or <c>{}</c> for "no arguments".</summary>
    private static void WriteInputSchema(Utf8JsonWriter w, JsonElement? parameters)
    {
        if (parameters is { ValueKind: JsonValueKind.Object } schema && schema.TryGetProperty("type", out _))
        {
            schema.WriteTo(w);
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", "object");
        var hasProperties = false;
        if (parameters is { ValueKind: JsonValueKind.Object } partial)
        {
            foreach (var property in partial.EnumerateObject())
            {
                hasProperties |= property.NameEquals("properties");
                property.WriteTo(w);
            }
        }

        if (!hasProperties)
        {
            w.WriteStartObject("properties");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteToolChoice(Utf8JsonWriter w, ToolChoice? choice, bool disableParallel)
    {
        if (choice is null && !disableParallel)
        {
            return;
        }

        var mode = choice?.Mode ?? ToolChoiceMode.Auto;
        w.WriteStartObject("tool_choice");
        w.WriteString("type", mode switch
        {
            ToolChoiceMode.None => "none",
            ToolChoiceMode.Required => "any",
            ToolChoiceMode.Specific => "tool",
            _ => "auto",
        });
        if (mode == ToolChoiceMode.Specific)
        {
            w.WriteString("name", choice!.Name ?? string.Empty);
        }

        // {type:"none"} does not take the flag.
        if (disableParallel && mode != ToolChoiceMode.None)
        {
            w.WriteBoolean("disable_parallel_tool_use", true);
        }

        w.WriteEndObject();
    }
}
