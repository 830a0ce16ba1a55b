using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Requests;

/// <summary>Validates and reads an Anthropic messages body with the real API's error messages.</summary>
internal static class AnthropicRequestParser
{
    private const string InvalidRequest = "invalid_request_error";

    /// <summary>Parses a body.</summary>
    /// <param name="root">The request JSON.</param>
    /// <param name="requireMaxTokens">False for <c>count_tokens</c>, which takes no <c>max_tokens</c>.</param>
    public static ParseResult Parse(JsonElement root, bool requireMaxTokens = true)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("Input should be a valid dictionary");
        }

        var model = JsonText.GetString(root, "model");
        if (string.IsNullOrEmpty(model))
        {
            return Fail("model: Field required");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return Fail("messages: Field required");
        }

        var maxTokens = JsonText.GetLaxInt(root, "max_tokens");
        if (maxTokens is null && requireMaxTokens)
        {
            return Fail(JsonText.Has(root, "max_tokens") ? "max_tokens: Input should be a valid integer" : "max_tokens: Field required");
        }

        if (maxTokens < 0)
        {
            return Fail("max_tokens: Input should be greater than or equal to 0");
        }

        if (messages.GetArrayLength() == 0)
        {
            return Fail("messages: at least one message is required");
        }

        if (!ModelCatalog.IsAnthropicModel(model))
        {
            return ParseResult.Fail(new WireError(404, "not_found_error", $"model: {model}"));
        }

        if (ThinkingReader.Read(root, maxTokens, out var thinking) is { } thinkingError)
        {
            return ParseResult.Fail(thinkingError);
        }

        if (PromptCachePlan.Read(root, out var cacheError) is not { } cachePlan)
        {
            return ParseResult.Fail(cacheError!);
        }

        var builder = new ConversationBuilder();
        if (root.TryGetProperty("system", out var system))
        {
            var text = BlocksText(system);
            if (text.Length > 0)
            {
                builder.AddSystem(text);
            }
        }

        if (thinking is not null && ThinkingReader.Sampling(root) is { } samplingError)
        {
            return ParseResult.Fail(samplingError);
        }

        var count = messages.GetArrayLength();
        var index = 0;
        (int Index, JsonElement Content)? lastAssistant = null;
        foreach (var message in messages.EnumerateArray())
        {
            var role = JsonText.GetString(message, "role");
            if (role is not ("user" or "assistant"))
            {
                return Fail($"messages.{index}.role: Input should be 'user' or 'assistant'");
            }

            message.TryGetProperty("content", out var content);
            if (OpenAIOnlyBlock(content, index) is { } foreign)
            {
                return Fail(foreign);
            }

            var isLast = ++index == count;
            if (isLast && role == "assistant" && ModelCatalog.RejectsPrefill(model))
            {
                return Fail("This model does not support assistant message prefill. The conversation must end with a user message.");
            }

            if (isLast && role == "assistant" && !HasBlock(content, "tool_use"))
            {
                if (thinking is not null)
                {
                    return ParseResult.Fail(ThinkingReader.Prefill(index - 1, FirstBlockType(content)));
                }

                var prefill = BlocksText(content);
                if (prefill.Length > 0 && char.IsWhiteSpace(prefill[^1]))
                {
                    return Fail("messages: final assistant content cannot end with trailing whitespace");
                }

                builder.SetPrefill(prefill);
                continue;
            }

            if (role == "assistant")
            {
                lastAssistant = (index - 1, content);
            }

            AddContent(builder, role, content);
        }

        // With thinking on, a final assistant turn that calls tools (the tool loop under way) must open with its thinking
        // block (§4.7); a tool loop that an assistant answer has closed is not checked, as the API does not.
        if (thinking is not null && lastAssistant is { } turn && HasBlock(turn.Content, "tool_use")
            && FirstBlockType(turn.Content) is not ("thinking" or "redacted_thinking"))
        {
            return ParseResult.Fail(ThinkingReader.Prefill(turn.Index, FirstBlockType(turn.Content)));
        }

        var tools = ReadTools(root, builder);
        if (OutputFormatReader.ReadAnthropic(root, out var format) is { } formatError)
        {
            return ParseResult.Fail(formatError);
        }

        // Blocks are counted one by one for the cache and merged per turn for the prompt; a prefix never exceeds the prompt.
        var conversation = builder.Build();
        if (cachePlan.Boundaries is [.., { } lastBlock] && lastBlock.Tokens + 3 > conversation.PromptTokens)
        {
            conversation = conversation with { PromptTokens = lastBlock.Tokens + 3 };
        }

        var choice = root.TryGetProperty("tool_choice", out var tc) ? tc : default;
        var toolChoice = ReadToolChoice(choice, tools);
        if (thinking is not null && toolChoice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Specific)
        {
            return ParseResult.Fail(ThinkingReader.ForcedToolUse());
        }

        var request = new SimRequest(
            SimulatorApi.AnthropicMessages,
            model,
            JsonText.GetBool(root, "stream") ?? false,
            maxTokens,
            conversation,
            tools,
            toolChoice,
            !(JsonText.GetBool(choice, "disable_parallel_tool_use") ?? false),
            IncludeUsage: true,
            IncludeObfuscation: false,
            format,
            thinking,
            cachePlan);
        return ParseResult.Ok(request);
    }

    private static ParseResult Fail(string message) => ParseResult.Fail(new WireError(400, InvalidRequest, message));

    private static void AddContent(ConversationBuilder builder, string role, JsonElement content)
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

        foreach (var block in content.EnumerateArray())
        {
            switch (JsonText.GetString(block, "type"))
            {
                case "text":
                    builder.Add(role, JsonText.GetString(block, "text") ?? string.Empty);
                    break;
                case "image":
                    builder.AddImage(role);
                    break;
                case "tool_use":
                    var input = block.TryGetProperty("input", out var i) ? JsonText.Compact(i) : "{}";
                    builder.AddToolCall(JsonText.GetString(block, "name") ?? string.Empty, input);
                    break;
                case "tool_result":
                    builder.AddToolResult(block.TryGetProperty("content", out var result) ? BlocksText(result) : string.Empty);
                    break;
            }
        }
    }

    /// <summary>
    /// The API refuses OpenAI's part types (audio, files, image URLs) as unknown block tags; so does the simulator, so that
    /// a translation forwarding one verbatim fails here as it would upstream.
    /// </summary>
    private static string? OpenAIOnlyBlock(JsonElement content, int index)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var i = 0;
        foreach (var block in content.EnumerateArray())
        {
            if (JsonText.GetString(block, "type") is ("input_audio" or "file" or "input_file" or "image_url" or "input_image" or "input_text") and var type)
            {
                return $"messages.{index}.content.{i}: Input tag '{type}' found using 'type' does not match any of the expected tags";
            }

            i++;
        }

        return null;
    }

    private static bool HasBlock(JsonElement content, string type) =>
        content.ValueKind == JsonValueKind.Array && content.EnumerateArray().Any(b => JsonText.GetString(b, "type") == type);

    private static string FirstBlockType(JsonElement content) =>
        content.ValueKind == JsonValueKind.Array && content.GetArrayLength() > 0 ? JsonText.GetString(content[0], "type") ?? "text" : "text";

    private static string BlocksText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        return string.Join('\n', content.EnumerateArray().Select(b => JsonText.GetString(b, "text")).OfType<string>());
    }

    private static List<ToolDefinition> ReadTools(JsonElement root, ConversationBuilder builder)
    {
        var tools = new List<ToolDefinition>();
        if (!root.TryGetProperty("tools", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return tools;
        }

        foreach (var tool in array.EnumerateArray())
        {
            if (JsonText.GetString(tool, "name") is not { } name)
            {
                continue;
            }

            JsonElement? schema = tool.TryGetProperty("input_schema", out var s) && s.ValueKind == JsonValueKind.Object ? s.Clone() : null;
            tools.Add(new ToolDefinition(name, schema));
            builder.AddToolDefinition(JsonText.Compact(tool));
        }

        return tools;
    }

    private static ToolChoice ReadToolChoice(JsonElement choice, List<ToolDefinition> tools) =>
        JsonText.GetString(choice, "type") switch
        {
            "none" => new ToolChoice(ToolChoiceMode.None),
            "any" => new ToolChoice(ToolChoiceMode.Required),
            "tool" => new ToolChoice(ToolChoiceMode.Specific, JsonText.GetString(choice, "name")),
            _ => new ToolChoice(tools.Count > 0 ? ToolChoiceMode.Auto : ToolChoiceMode.None),
        };
}
