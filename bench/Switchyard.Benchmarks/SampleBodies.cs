namespace Switchyard.Benchmarks;

/// <summary>
/// Typical chat request bodies, one per front-door format, saying the same thing: a system prompt, a three-turn
/// conversation, one function tool, sampling and a token limit, streaming on. About 1.3 KB each, what a chat UI or an
/// agent's first turn sends. The OpenAI body has no <c>stream_options</c>, so that the same-format splice has to add
/// <c>include_usage</c> as the gateway does.
/// </summary>
internal static class SampleBodies
{
    private const string Tool =
        "\"name\":\"get_weather_for_city\",\"description\":\"Gets the current weather for a given city.\"," +
        "\"PARAMS\":{\"type\":\"object\",\"properties\":{\"city_name\":{\"type\":\"string\",\"description\":\"The name of a city, e.g. Johannesburg or Ho Chi Minh City.\"}," +
        "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city_name\"]}";

    private const string System = "You are a concise travel assistant. Answer in at most three sentences and use the weather tool when the user asks about the weather.";
    private const string User1 = "I am flying to Santiago next week. What should I pack?";
    private const string Assistant1 = "Santiago in late autumn is mild by day and cool at night: bring layers, a light jacket and comfortable walking shoes.";
    private const string User2 = "And what is the weather there right now? Also compare it with Karachi, please.";

    public static readonly string OpenAIChatRequest =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[" +
        $"{{\"role\":\"system\",\"content\":\"{System}\"}}," +
        $"{{\"role\":\"user\",\"content\":\"{User1}\"}}," +
        $"{{\"role\":\"assistant\",\"content\":\"{Assistant1}\"}}," +
        $"{{\"role\":\"user\",\"content\":\"{User2}\"}}]," +
        $"\"tools\":[{{\"type\":\"function\",\"function\":{{{Tool.Replace("PARAMS", "parameters", StringComparison.Ordinal)}}}}}]," +
        "\"temperature\":0.7,\"max_completion_tokens\":512,\"stream\":true}";

    public static readonly string AnthropicRequest =
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512," +
        $"\"system\":\"{System}\",\"messages\":[" +
        $"{{\"role\":\"user\",\"content\":\"{User1}\"}}," +
        $"{{\"role\":\"assistant\",\"content\":\"{Assistant1}\"}}," +
        $"{{\"role\":\"user\",\"content\":[{{\"type\":\"text\",\"text\":\"{User2}\"}}]}}]," +
        $"\"tools\":[{{{Tool.Replace("PARAMS", "input_schema", StringComparison.Ordinal)}}}]," +
        "\"temperature\":0.7,\"stream\":true}";

    public static readonly string OpenAIResponsesRequest =
        "{\"model\":\"gpt-4o-mini\"," +
        $"\"instructions\":\"{System}\",\"input\":[" +
        $"{{\"role\":\"user\",\"content\":\"{User1}\"}}," +
        $"{{\"role\":\"assistant\",\"content\":\"{Assistant1}\"}}," +
        $"{{\"role\":\"user\",\"content\":[{{\"type\":\"input_text\",\"text\":\"{User2}\"}}]}}]," +
        $"\"tools\":[{{\"type\":\"function\",{Tool.Replace("PARAMS", "parameters", StringComparison.Ordinal)}}}]," +
        "\"temperature\":0.7,\"max_output_tokens\":512,\"stream\":true}";
}
