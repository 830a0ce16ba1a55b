namespace Switchyard.Simulator.Tests;

/// <summary>Request bodies shared by several tests.</summary>
internal static class Requests
{
    public const string WeatherSchema = """
        {"type":"object","properties":{
          "city":{"type":"string"},
          "unit":{"type":"string","enum":["celsius","fahrenheit"]},
          "days":{"type":"integer","minimum":1,"maximum":7},
          "detailed":{"type":"boolean"},
          "location":{"type":"object","properties":{"lat":{"type":"number"},"lon":{"type":"number"}},"required":["lat","lon"]},
          "tags":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"weight":{"type":"integer","minimum":0,"maximum":3}},"required":["name"]},"minItems":1}
        },"required":["city","unit","location"]}
        """;

    public static string OpenAIChat(string user, string model = "gpt-4o", string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":{{Quote(user)}}}]{{extra}}}""";

    public static string AnthropicChat(string user, string model = "claude-sonnet-4-5", int maxTokens = 1024, string extra = "") =>
        $$"""{"model":"{{model}}","max_tokens":{{maxTokens}},"system":"You are terse.","messages":[{"role":"user","content":{{Quote(user)}}}]{{extra}}}""";

    public static string OpenAIWithPrefill(string user, string prefill, string model = "gpt-4o") =>
        $$"""{"model":"{{model}}","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":{{Quote(user)}}},{"role":"assistant","content":{{Quote(prefill)}}}]}""";

    public static string AnthropicWithPrefill(string user, string prefill, string model = "claude-sonnet-4-5") =>
        $$"""{"model":"{{model}}","max_tokens":4096,"system":"You are terse.","messages":[{"role":"user","content":{{Quote(user)}}},{"role":"assistant","content":{{Quote(prefill)}}}]}""";

    /// <summary>The Responses form of <see cref="OpenAIChat"/>: instructions are the system text.</summary>
    public static string Responses(string user, string model = "gpt-4o", string extra = "") =>
        $$"""{"model":"{{model}}","instructions":"You are terse.","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":{{Quote(user)}}}]}]{{extra}}}""";

    public static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
