using System.Net;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>Prefill rejection on newer Claude models and the continuation turn the gateway uses instead (PROTOCOLS §4.7).</summary>
public sealed class ContinuationTests
{
    private const string Prompt = "Your previous reply was cut off. Continue exactly where it stopped: write only the text that comes next, without repeating anything.";

    [Fact]
    public void Prompt_SameAsEngineConstant()
    {
        Assert.Equal(Switchyard.Streaming.ContinuationPrompt.Text, Generation.ContinuationPrompt.Text);
        Assert.Equal(Prompt, Generation.ContinuationPrompt.Text);
    }

    [Theory]
    [InlineData("claude-opus-4-6", true)]
    [InlineData("claude-sonnet-4-6", true)]
    [InlineData("claude-opus-4-8", true)]
    [InlineData("claude-sonnet-4-6-20260217", true)]
    [InlineData("claude-opus-5", true)]
    [InlineData("claude-sonnet-4-5", false)]
    [InlineData("claude-sonnet-4-5-20250929", false)]
    [InlineData("claude-sonnet-4-20250514", false)]
    [InlineData("claude-haiku-4-5", false)]
    [InlineData("claude-3-7-sonnet-20250219", false)]
    public void RejectsPrefill_ByModel(string model, bool rejects) => Assert.Equal(rejects, Simulator.Requests.ModelCatalog.RejectsPrefill(model));

    [Theory]
    [InlineData("claude-opus-4-6")]
    [InlineData("claude-sonnet-4-6-20260217")]
    public async Task Prefill_Model46OrLater_400InvalidRequest(string model)
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicWithPrefill("Tell me", "The", model)), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("This model does not support assistant message prefill. The conversation must end with a user message.", json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Prefill_Sonnet45_StillContinues()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var full = SimulatedText.Predict(SimulatorApi.AnthropicMessages, Requests.AnthropicChat("Tell me"), 42).Text;

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicWithPrefill("Tell me", full[..40].TrimEnd())), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string PlainBody(SimulatorApi api) => api switch
    {
        SimulatorApi.AnthropicMessages => Requests.AnthropicChat("Tell me", "claude-opus-4-6"),
        SimulatorApi.OpenAIResponses => Requests.Responses("Tell me"),
        _ => Requests.OpenAIChat("Tell me"),
    };

    private static string ContinuationBody(SimulatorApi api, string partial) => api switch
    {
        SimulatorApi.AnthropicMessages => $$"""{"model":"claude-opus-4-6","max_tokens":1024,"system":"You are terse.","messages":[{"role":"user","content":"Tell me"},{"role":"assistant","content":{{Requests.Quote(partial)}}},{"role":"user","content":[{"type":"text","text":{{Requests.Quote(Prompt)}}}]}]}""",
        SimulatorApi.OpenAIResponses => $$"""{"model":"gpt-4o","instructions":"You are terse.","input":[{"role":"user","content":"Tell me"},{"type":"message","role":"assistant","content":[{"type":"output_text","text":{{Requests.Quote(partial)}}}]},{"role":"user","content":[{"type":"input_text","text":{{Requests.Quote(Prompt)}}}]}]}""",
        _ => $$"""{"model":"gpt-4o","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Tell me"},{"role":"assistant","content":{{Requests.Quote(partial)}}},{"role":"user","content":{{Requests.Quote(Prompt)}}}]}""",
    };

    [Theory]
    [InlineData(SimulatorApi.OpenAIChatCompletions)]
    [InlineData(SimulatorApi.AnthropicMessages)]
    [InlineData(SimulatorApi.OpenAIResponses)]
    public void Predict_ContinuationTurn_RemainderOfUninterruptedAnswer(SimulatorApi api)
    {
        var plain = SimulatedText.Predict(api, PlainBody(api), 42);
        var partial = plain.Text[..50];

        var answer = SimulatedText.Predict(api, ContinuationBody(api, partial), 42);

        Assert.Equal(plain.Text, partial + answer.Text);
        Assert.Equal(SimulatedText.ConversationKey(api, PlainBody(api)), SimulatedText.ConversationKey(api, ContinuationBody(api, partial)));
        Assert.True(answer.PromptTokens > plain.PromptTokens + 20, "prompt tokens count every turn sent");
    }

    [Fact]
    public async Task ContinuationTurn_ResponsesStream_JoinedTextEqualsUninterrupted()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var full = SimulatedText.Predict(SimulatorApi.OpenAIResponses, Requests.Responses("Tell me"), 42).Text;
        var partial = full[..70];
        var body = ContinuationBody(SimulatorApi.OpenAIResponses, partial);

        using var response = await host.Http.SendAsync(SimulatorHost.Responses(body[..^1] + ""","stream":true}"""), ct);
        var sse = await response.Content.ReadAsStringAsync(ct);

        var deltas = Sse.Events(sse).Select(e => JsonDocument.Parse(Sse.Data(e)).RootElement)
            .Where(d => d.GetProperty("type").GetString() == "response.output_text.delta")
            .Select(d => d.GetProperty("delta").GetString());
        Assert.Equal(full, partial + string.Concat(deltas));
    }

    [Fact]
    public async Task Overlap_ContinuationTurn_RepeatsTailOfPartial()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"overlap","chars":12}}]}""");
        var ct = TestContext.Current.CancellationToken;
        var full = SimulatedText.Predict(SimulatorApi.AnthropicMessages, Requests.AnthropicChat("Tell me", "claude-opus-4-6"), 42).Text;
        var body = ContinuationBody(SimulatorApi.AnthropicMessages, full[..60]);

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(body), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(full[48..], json.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
    }
}
