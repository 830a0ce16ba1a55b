using System.Text;
using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>Reasoning on the Anthropic codec: <c>thinking</c> and <c>output_config.effort</c> read, efforts written as thinking budgets.</summary>
public sealed class AnthropicReasoningTests
{
    private static readonly ChatMessage Question = ChatMessage.FromText(ChatRole.User, "Why?");

    private static JsonElement Write(ChatRequest request) =>
        Json.Parse(AnthropicMessagesCodec.Instance.WriteRequest(request, new UpstreamRequestOptions("claude-sonnet-4-5", Stream: false)));

    private static ChatRequest Read(string fields) =>
        AnthropicMessagesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(
            $$"""{"model":"claude-sonnet-4-5","max_tokens":20000,"messages":[{"role":"user","content":"Why?"}]{{fields}}}""")).Value!;

    private static ChatRequest Asking(ReasoningEffort effort, int? maxTokens = null, params ChatMessage[] messages) => new()
    {
        Model = "gpt-5",
        Messages = messages.Length > 0 ? messages : [Question],
        MaxOutputTokens = maxTokens,
        Reasoning = new ReasoningRequest(effort),
    };

    [Theory]
    [InlineData(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}", ReasoningEffort.Low, 2048, false)]
    [InlineData(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10000}", ReasoningEffort.Medium, 10000, false)]
    [InlineData(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":16384}", ReasoningEffort.High, 16384, false)]
    [InlineData(",\"thinking\":{\"type\":\"adaptive\"}", ReasoningEffort.Medium, null, true)]
    [InlineData(",\"thinking\":{\"type\":\"disabled\"}", ReasoningEffort.None, null, false)]
    [InlineData(",\"output_config\":{\"effort\":\"max\"}", ReasoningEffort.Max, null, false)]
    [InlineData(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"output_config\":{\"effort\":\"high\"}", ReasoningEffort.High, 2048, false)]
    public void Read_ThinkingAndEffort_OneReasoningRequest(string fields, ReasoningEffort effort, int? budget, bool adaptive)
    {
        Assert.Equal(new ReasoningRequest(effort, budget, adaptive), Read(fields).Reasoning);
    }

    [Fact]
    public void Read_NoThinking_NoReasoning() => Assert.Null(Read("").Reasoning);

    [Fact]
    public void Read_UnknownEffort_InvalidNamingTheField()
    {
        var result = AnthropicMessagesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(
            """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"x"}],"output_config":{"effort":"huge"}}"""));

        Assert.False(result.IsSuccess);
        Assert.Equal("output_config.effort", result.Failure!.Param);
    }

    [Theory]
    [InlineData(ReasoningEffort.Minimal, null, 1024)]
    [InlineData(ReasoningEffort.Low, null, 2048)]
    [InlineData(ReasoningEffort.High, null, 3072)]
    [InlineData(ReasoningEffort.High, 40000, 16384)]
    [InlineData(ReasoningEffort.Max, 40000, 30000)]
    [InlineData(ReasoningEffort.Medium, 1365, 1023)]
    [InlineData(ReasoningEffort.Medium, 1366, 1024)]
    public void Write_Effort_ThinkingBudgetCappedAtThreeQuartersOfMaxTokens(ReasoningEffort effort, int? maxTokens, int expected)
    {
        var body = Write(Asking(effort, maxTokens));

        if (expected < 1024)
        {
            Assert.False(body.TryGetProperty("thinking", out _));
            return;
        }

        Assert.Equal($$"""{"type":"enabled","budget_tokens":{{expected}}}""", body.GetProperty("thinking").GetRawText());
    }

    [Fact]
    public void Write_ThinkingOn_SamplingTheApiRefusesLeftOut()
    {
        var body = Write(Asking(ReasoningEffort.Low) with { Temperature = 0.2, TopK = 5, TopP = 0.9 });
        Assert.True(body.TryGetProperty("thinking", out _));
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_k", out _));
        Assert.False(body.TryGetProperty("top_p", out _));

        Assert.Equal(0.97, Write(Asking(ReasoningEffort.Low) with { TopP = 0.97 }).GetProperty("top_p").GetDouble());
        var without = Write(Asking(ReasoningEffort.None) with { Temperature = 0.2, TopK = 5, TopP = 0.9 });
        Assert.False(without.TryGetProperty("thinking", out _));
        Assert.Equal(0.2, without.GetProperty("temperature").GetDouble());
        Assert.Equal(5, without.GetProperty("top_k").GetInt32());
    }

    [Fact]
    public void Write_WhereTheApiRefusesThinking_NoThinking()
    {
        var tool = new ToolDefinition("lookup", null, null);
        var call = new ChatMessage(ChatRole.Assistant, [new ToolCallPart("c1", "lookup", "{}")]);
        var result = new ChatMessage(ChatRole.Tool, [new ToolResultPart("c1", [new TextPart("ok")])]);

        Assert.False(Write(Asking(ReasoningEffort.High) with { Tools = [tool], ToolChoice = new ToolChoice(ToolChoiceMode.Required) }).TryGetProperty("thinking", out _));
        Assert.False(Write(Asking(ReasoningEffort.High, null, Question, ChatMessage.FromText(ChatRole.Assistant, "Because"))).TryGetProperty("thinking", out _));
        Assert.False(Write(Asking(ReasoningEffort.High, null, Question, call, result)).TryGetProperty("thinking", out _));

        var signed = new ChatMessage(ChatRole.Assistant, [new ThinkingPart("hm", "sig"), new ToolCallPart("c1", "lookup", "{}")]);
        Assert.True(Write(Asking(ReasoningEffort.High, null, Question, signed, result)).TryGetProperty("thinking", out _));
        Assert.True(Write(Asking(ReasoningEffort.High) with { Tools = [tool], ToolChoice = new ToolChoice(ToolChoiceMode.Auto) }).TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Write_Adaptive_StaysAdaptive()
    {
        var body = Write(Asking(ReasoningEffort.Medium) with { Reasoning = new ReasoningRequest(ReasoningEffort.Medium, Adaptive: true) });
        Assert.Equal("""{"type":"adaptive"}""", body.GetProperty("thinking").GetRawText());
    }
}
