using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Tests;

/// <summary>
/// Structured outputs on the wire, for each API: the answer is one JSON document valid against the requested schema,
/// streamed deltas concatenate to the non-streamed document, max tokens truncates it, and usage counts it.
/// </summary>
public sealed class StructuredOutputTests
{
    /// <summary>A strict-valid schema that uses everything the generator claims: enum, const, bounds, formats, type lists, anyOf, $defs and a recursive $ref.</summary>
    public const string TicketSchema = """
        {"type":"object","properties":{
          "title":{"type":"string","minLength":3},
          "status":{"type":"string","enum":["open","closed"]},
          "kind":{"const":"ticket"},
          "priority":{"type":"integer","minimum":1,"maximum":5},
          "score":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
          "due":{"type":"string","format":"date-time"},
          "owner":{"type":["string","null"],"format":"email"},
          "id":{"type":"string","format":"uuid"},
          "tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3},
          "assignee":{"anyOf":[{"$ref":"#/$defs/person"},{"type":"null"}]},
          "tree":{"$ref":"#/$defs/node"}
        },
        "required":["title","status","kind","priority","score","due","owner","id","tags","assignee","tree"],
        "additionalProperties":false,
        "$defs":{
          "person":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0,"maximum":120}},"required":["name","age"],"additionalProperties":false},
          "node":{"type":"object","properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["label","children"],"additionalProperties":false}
        }}
        """;

    private const string User = "File a ticket for the broken gateway.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ChatBody(bool stream, string extra = "") => Requests.OpenAIChat(
        User, "gpt-4o-mini", $$$""","response_format":{"type":"json_schema","json_schema":{"name":"ticket","schema":{{{TicketSchema}}},"strict":true}},"stream":{{{(stream ? "true" : "false")}}}{{{extra}}}""");

    private static string ResponsesBody(bool stream, string extra = "") => Requests.Responses(
        User, "gpt-4o-mini", $$$""","text":{"format":{"type":"json_schema","name":"ticket","schema":{{{TicketSchema}}},"strict":true}},"stream":{{{(stream ? "true" : "false")}}}{{{extra}}}""");

    private static string AnthropicBody(bool stream, int maxTokens = 1024) => Requests.AnthropicChat(
        User, "claude-sonnet-4-5", maxTokens, $$$""","output_config":{"format":{"type":"json_schema","schema":{{{TicketSchema}}}}},"stream":{{{(stream ? "true" : "false")}}}""");

    [Fact]
    public async Task ChatCompletions_JsonSchema_WholeAndStreamedAnswersAreOneValidDocument()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var whole = await PostJsonAsync(host, SimulatorHost.OpenAI(ChatBody(stream: false)));
        var message = whole.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        var streamed = await StreamedTextAsync(host, SimulatorHost.OpenAI(ChatBody(stream: true)), ChatDelta);

        SchemaAssert.Valid(TicketSchema, message);
        Assert.Equal(message, streamed);
        Assert.Equal("stop", whole.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(TokenCounter.Count(message), whole.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(message, SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, ChatBody(stream: false), 42).Text);
    }

    [Fact]
    public async Task Responses_JsonSchema_WholeAndStreamedAnswersAreOneValidDocument()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var whole = await PostJsonAsync(host, SimulatorHost.Responses(ResponsesBody(stream: false)));
        var text = whole.RootElement.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString()!;
        var streamed = await StreamedTextAsync(host, SimulatorHost.Responses(ResponsesBody(stream: true)), ResponsesDelta);

        SchemaAssert.Valid(TicketSchema, text);
        Assert.Equal(text, streamed);
        Assert.Equal("completed", whole.RootElement.GetProperty("status").GetString());
        Assert.Equal(TokenCounter.Count(text), whole.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("json_schema", whole.RootElement.GetProperty("text").GetProperty("format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_OutputConfigFormat_WholeAndStreamedAnswersAreOneValidDocument()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var whole = await PostJsonAsync(host, SimulatorHost.Anthropic(AnthropicBody(stream: false)));
        var text = whole.RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;
        var streamed = await StreamedTextAsync(host, SimulatorHost.Anthropic(AnthropicBody(stream: true)), AnthropicDelta);

        SchemaAssert.Valid(TicketSchema, text);
        Assert.Equal(text, streamed);
        Assert.Equal("end_turn", whole.RootElement.GetProperty("stop_reason").GetString());
        Assert.Equal(TokenCounter.Count(text), whole.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_JsonObject_AnswersAJsonObject()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Requests.OpenAIChat("Describe Oslo as JSON.", extra: ""","response_format":{"type":"json_object"}""");

        using var whole = await PostJsonAsync(host, SimulatorHost.OpenAI(body));

        using var content = JsonDocument.Parse(whole.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        Assert.Equal(JsonValueKind.Object, content.RootElement.ValueKind);
        Assert.InRange(content.RootElement.EnumerateObject().Count(), 2, 4);
    }

    [Fact]
    public async Task ChatCompletions_TextFormat_AnswersProse()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Requests.OpenAIChat(User, extra: ""","response_format":{"type":"text"}""");

        using var whole = await PostJsonAsync(host, SimulatorHost.OpenAI(body));

        Assert.Equal(
            SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat(User), 42).Text,
            whole.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task MaxTokensBelowTheDocument_TruncatesItLikeProse()
    {
        await using var host = await SimulatorHost.StartAsync();
        var full = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, ChatBody(stream: false), 42).Text;

        using var chat = await PostJsonAsync(host, SimulatorHost.OpenAI(ChatBody(stream: false, ""","max_completion_tokens":10""")));
        using var responses = await PostJsonAsync(host, SimulatorHost.Responses(ResponsesBody(stream: false, ""","max_output_tokens":16""")));
        using var messages = await PostJsonAsync(host, SimulatorHost.Anthropic(AnthropicBody(stream: false, maxTokens: 10)));

        SchemaAssert.Valid(TicketSchema, full);
        var choice = chat.RootElement.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(TokenCounter.Truncate(full, 10), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(10, chat.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("incomplete", responses.RootElement.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", responses.RootElement.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("max_tokens", messages.RootElement.GetProperty("stop_reason").GetString());
        var anthropicFull = SimulatedText.Predict(SimulatorApi.AnthropicMessages, AnthropicBody(stream: false), 42).Text;
        Assert.Equal(TokenCounter.Truncate(anthropicFull, 10), messages.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Predict_PrefillIsAPrefixOfTheDocument_ContinuesIt()
    {
        var full = SimulatedText.Predict(SimulatorApi.AnthropicMessages, AnthropicBody(stream: false), 42).Text;
        var prefill = full[..12];
        var body = $$$"""{"model":"claude-sonnet-4-5","max_tokens":1024,"system":"You are terse.","output_config":{"format":{"type":"json_schema","schema":{{{TicketSchema}}}}},"messages":[{"role":"user","content":{{{Requests.Quote(User)}}}},{"role":"assistant","content":{{{Requests.Quote(prefill)}}}}]}""";

        var answer = SimulatedText.Predict(SimulatorApi.AnthropicMessages, body, 42);

        SchemaAssert.Valid(TicketSchema, full);
        Assert.Equal(full, prefill + answer.Text);
    }

    [Fact]
    public void Predict_ForcedToolAndFormat_ToolCallWins()
    {
        var body = Requests.OpenAIChat(User, extra: $$$""","response_format":{"type":"json_schema","json_schema":{"name":"ticket","schema":{{{TicketSchema}}}}},"tools":[{"type":"function","function":{"name":"get_weather","parameters":{{{Requests.WeatherSchema}}}}}],"tool_choice":"required" """);

        var answer = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, body, 42);

        Assert.Equal("tool_calls", answer.FinishReason);
        Assert.Equal("get_weather", Assert.Single(answer.ToolCalls).Name);
        Assert.Empty(answer.Text);
    }

    [Fact]
    public void Predict_SameDialogueInEachApi_SameDocument()
    {
        var chat = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, ChatBody(stream: false), 7).Text;
        var responses = SimulatedText.Predict(SimulatorApi.OpenAIResponses, ResponsesBody(stream: false), 7).Text;

        SchemaAssert.Valid(TicketSchema, chat);
        Assert.Equal(chat, responses);
        Assert.NotEqual(chat, SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, ChatBody(stream: false), 8).Text);
    }

    private static async Task<JsonDocument> PostJsonAsync(SimulatorHost host, HttpRequestMessage request)
    {
        using var _ = request;
        using var response = await host.Http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    private static async Task<string> StreamedTextAsync(SimulatorHost host, HttpRequestMessage request, Func<JsonElement, string?> delta)
    {
        using var _ = request;
        using var response = await host.Http.SendAsync(request, Ct);
        var text = new StringBuilder();
        var deltas = 0;
        foreach (var e in Sse.Events(await response.Content.ReadAsStringAsync(Ct)).Select(Sse.Data).Where(d => d != "[DONE]"))
        {
            using var data = JsonDocument.Parse(e);
            if (delta(data.RootElement) is { } piece)
            {
                text.Append(piece);
                deltas++;
            }
        }

        Assert.True(deltas > 1, "the document arrives in several deltas");
        return text.ToString();
    }

    private static string? ChatDelta(JsonElement chunk) =>
        chunk.GetProperty("choices") is { } choices && choices.GetArrayLength() > 0
        && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static string? ResponsesDelta(JsonElement e) =>
        e.GetProperty("type").GetString() == "response.output_text.delta" ? e.GetProperty("delta").GetString() : null;

    private static string? AnthropicDelta(JsonElement e) =>
        e.GetProperty("type").GetString() == "content_block_delta" && e.GetProperty("delta").GetProperty("type").GetString() == "text_delta"
            ? e.GetProperty("delta").GetProperty("text").GetString()
            : null;
}
