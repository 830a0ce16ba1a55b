using System.Net;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>
/// What OpenAI refuses about reasoning, refused in its wording (a gateway that translates badly must see the 400 the real
/// API would give), and what Anthropic refuses with thinking on beyond <see cref="ThinkingTests"/>.
/// </summary>
public sealed class ReasoningParametersTests
{
    private const string User = "Why is the sky blue?";
    private const string Thinking = ""","thinking":{"type":"enabled","budget_tokens":2048}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool, string, string?, string> Refused => new()
    {
        { Requests.OpenAIChat(User, "gpt-4o", ""","reasoning_effort":"low" """), false, "reasoning_effort", "unsupported_parameter", "Unsupported parameter: 'reasoning_effort' is not supported with this model." },
        { Requests.OpenAIChat(User, "o3", ""","reasoning_effort":"extreme" """), false, "reasoning_effort", "invalid_value", "Invalid value: 'extreme'. Supported values are:" },
        { Requests.OpenAIChat(User, "o4-mini", ""","max_tokens":100"""), false, "max_tokens", "unsupported_parameter", "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead." },
        { Requests.OpenAIChat(User, "gpt-5", ""","temperature":0.5"""), false, "temperature", "unsupported_value", "Unsupported value: 'temperature' does not support 0.5 with this model. Only the default (1) value is supported." },
        { Requests.Responses(User, "gpt-4.1", ""","reasoning":{"effort":"high"}"""), true, "reasoning.effort", "unsupported_parameter", "Unsupported parameter: 'reasoning.effort' is not supported with this model." },
        { Requests.Responses(User, "o3", ""","temperature":0.2"""), true, "temperature", "unsupported_value", "Unsupported value: 'temperature' does not support 0.2" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task OpenAI_ReasoningParameterRefused_400InOpenAIWording(string body, bool responses, string param, string? code, string message)
    {
        await using var host = await SimulatorHost.StartAsync();
        using var request = responses ? SimulatorHost.Responses(body) : SimulatorHost.OpenAI(body);
        using var response = await host.Http.SendAsync(request, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "o3", ""","reasoning_effort":"high","max_completion_tokens":500""")]
    [InlineData(false, "gpt-5", ""","reasoning_effort":"minimal","temperature":1""")]
    [InlineData(false, "gpt-4o", ""","temperature":0.5,"max_tokens":100""")]
    [InlineData(true, "o4-mini", ""","reasoning":{"effort":"medium","summary":"auto"}""")]
    public async Task OpenAI_ReasoningParametersWhereAccepted_Answered(bool responses, string model, string extra)
    {
        await using var host = await SimulatorHost.StartAsync();
        using var request = responses ? SimulatorHost.Responses(Requests.Responses(User, model, extra)) : SimulatorHost.OpenAI(Requests.OpenAIChat(User, model, extra));
        using var response = await host.Http.SendAsync(request, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData(""","temperature":0.7""", "`temperature` may only be set to 1 when thinking is enabled.")]
    [InlineData(""","top_k":5""", "`top_k` must be unset when thinking is enabled.")]
    [InlineData(""","top_p":0.9""", "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.")]
    public async Task Anthropic_ThinkingWithSampling_400(string sampling, string message)
    {
        await using var host = await SimulatorHost.StartAsync();

        await AssertAnthropicRejectedAsync(host, Requests.AnthropicChat(User, maxTokens: 4096, extra: Thinking + sampling), message);
    }

    [Fact]
    public async Task Anthropic_ThinkingAfterAToolCallWithoutItsThinking_400_WithIt_Answered()
    {
        await using var host = await SimulatorHost.StartAsync();
        const string Tool = """{"name":"lookup","input_schema":{"type":"object","properties":{}}}""";
        static string Body(string assistantBlocks) => $$$"""
            {"model":"claude-sonnet-4-5","max_tokens":4096,"tools":[{{{Tool}}}]{{{Thinking}}},"messages":[
              {"role":"user","content":"Look it up."},
              {"role":"assistant","content":[{{{assistantBlocks}}}{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"Rivers flow."}]}]}
            """;

        await AssertAnthropicRejectedAsync(host, Body(""), "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.");

        using var request = SimulatorHost.Anthropic(Body("""{"type":"thinking","thinking":"I should look.","signature":"c2ln"},"""));
        using var response = await host.Http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        // A tool loop an assistant answer has closed is not checked: the API asks for thinking only in the loop under way.
        var closed = Body("").Replace(
            "\"content\":\"Rivers flow.\"}]}]",
            "\"content\":\"Rivers flow.\"}]},{\"role\":\"assistant\",\"content\":\"They flow.\"},{\"role\":\"user\",\"content\":\"And lakes?\"}]",
            StringComparison.Ordinal);
        Assert.Contains("And lakes?", closed, StringComparison.Ordinal);
        using var closedRequest = SimulatorHost.Anthropic(closed);
        using var closedResponse = await host.Http.SendAsync(closedRequest, Ct);
        Assert.True(closedResponse.IsSuccessStatusCode, await closedResponse.Content.ReadAsStringAsync(Ct));
    }

    private static async Task AssertAnthropicRejectedAsync(SimulatorHost host, string body, string message)
    {
        using var request = SimulatorHost.Anthropic(body);
        using var response = await host.Http.SendAsync(request, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
