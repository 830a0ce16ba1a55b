using System.Text;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>
/// Reasoning on the OpenAI codecs: <c>reasoning_effort</c> and <c>reasoning.effort</c> read, an effort or thinking budget
/// written only to reasoning models (which then get no sampling knobs), and thinking answered as <c>reasoning_content</c>.
/// </summary>
public sealed class OpenAIReasoningTests
{
    private static readonly ChatMessage Question = ChatMessage.FromText(ChatRole.User, "Why?");

    private static JsonElement WriteChat(ChatRequest request, string model) =>
        JsonDocument.Parse(OpenAIChatCodec.Instance.WriteRequest(request, new UpstreamRequestOptions(model, Stream: false))).RootElement;

    private static JsonElement WriteResponses(ChatRequest request, string model) =>
        JsonDocument.Parse(OpenAIResponsesCodec.Instance.WriteRequest(request, new UpstreamRequestOptions(model, Stream: false))).RootElement;

    private static ChatRequest Asking(ReasoningRequest? reasoning) => new()
    {
        Model = "claude-sonnet-4-5",
        Messages = [Question],
        Temperature = 0.4,
        TopP = 0.8,
        PresencePenalty = 0.1,
        FrequencyPenalty = 0.2,
        Reasoning = reasoning,
    };

    [Theory]
    [InlineData("none", ReasoningEffort.None)]
    [InlineData("minimal", ReasoningEffort.Minimal)]
    [InlineData("low", ReasoningEffort.Low)]
    [InlineData("medium", ReasoningEffort.Medium)]
    [InlineData("high", ReasoningEffort.High)]
    [InlineData("xhigh", ReasoningEffort.XHigh)]
    public void Read_Effort_ChatAndResponses(string value, ReasoningEffort effort)
    {
        var chat = OpenAIChatCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(
            $$"""{"model":"gpt-5","messages":[{"role":"user","content":"x"}],"reasoning_effort":"{{value}}"}"""));
        var responses = OpenAIResponsesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(
            $$$"""{"model":"gpt-5","input":"x","reasoning":{"effort":"{{{value}}}","summary":"auto"}}"""));

        Assert.Equal(new ReasoningRequest(effort), chat.Value!.Reasoning);
        Assert.Equal(new ReasoningRequest(effort), responses.Value!.Reasoning);
    }

    [Theory]
    [InlineData("""{"model":"gpt-5","messages":[{"role":"user","content":"x"}],"reasoning_effort":"extreme"}""", "reasoning_effort", "Invalid value for 'reasoning_effort': 'extreme'.")]
    [InlineData("""{"model":"gpt-5","messages":[{"role":"user","content":"x"}],"reasoning_effort":2}""", "reasoning_effort", "Invalid type for 'reasoning_effort'")]
    [InlineData("""{"model":"gpt-5","input":"x","reasoning":{"effort":"huge"}}""", "reasoning.effort", "Invalid value for 'reasoning.effort': 'huge'.")]
    [InlineData("""{"model":"gpt-5","input":"x","reasoning":"high"}""", "reasoning", "Invalid type for 'reasoning'")]
    public void Read_BadEffort_InvalidNamingTheParam(string body, string param, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var result = body.Contains("\"input\"", StringComparison.Ordinal)
            ? OpenAIResponsesCodec.Instance.ReadRequest(bytes)
            : OpenAIChatCodec.Instance.ReadRequest(bytes);

        Assert.False(result.IsSuccess);
        Assert.Equal(param, result.Failure!.Param);
        Assert.StartsWith(message, result.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("o3", true)]
    [InlineData("o4-mini", true)]
    [InlineData("o1-2024-12-17", true)]
    [InlineData("gpt-5", true)]
    [InlineData("gpt-5.1-codex-max", true)]
    [InlineData("ft:o4-mini:acme::abc", true)]
    [InlineData("gpt-5-chat-latest", false)]
    [InlineData("gpt-4o-mini", false)]
    [InlineData("gpt-4.1", false)]
    [InlineData("omni-moderation-latest", false)]
    [InlineData("llama-3", false)]
    public void IsReasoningModel_OSeriesAndGpt5Only(string model, bool expected) => Assert.Equal(expected, OpenAIReasoning.IsReasoningModel(model));

    [Theory]
    [InlineData("gpt-4o-mini", true)]
    [InlineData("gpt-4.1", true)]
    [InlineData("gpt-3.5-turbo", true)]
    [InlineData("gpt-5-chat-latest", true)]
    [InlineData("chatgpt-4o-latest", true)]
    [InlineData("ft:gpt-4o-mini:acme::abc", true)]
    [InlineData("o3", false)]
    [InlineData("gpt-5", false)]
    [InlineData("llama-3", false)]
    public void RefusesEffort_OpenAIsNonReasoningFamilies(string model, bool expected) => Assert.Equal(expected, OpenAIReasoning.RefusesEffort(model));

    [Theory]
    [InlineData(ReasoningEffort.Minimal, null, "low")]
    [InlineData(ReasoningEffort.Low, null, "low")]
    [InlineData(ReasoningEffort.Medium, null, "medium")]
    [InlineData(ReasoningEffort.High, null, "high")]
    [InlineData(ReasoningEffort.Max, null, "high")]
    [InlineData(ReasoningEffort.Low, 1024, "low")]
    [InlineData(ReasoningEffort.Medium, 4096, "medium")]
    [InlineData(ReasoningEffort.High, 16384, "high")]
    [InlineData(ReasoningEffort.XHigh, 60000, "high")]
    public void Write_ToAReasoningModel_EffortNamedAndNoSampling(ReasoningEffort effort, int? budget, string expected)
    {
        var chat = WriteChat(Asking(new ReasoningRequest(effort, budget)), "o4-mini");
        var responses = WriteResponses(Asking(new ReasoningRequest(effort, budget)), "gpt-5");

        Assert.Equal(expected, chat.GetProperty("reasoning_effort").GetString());
        Assert.Equal(expected, responses.GetProperty("reasoning").GetProperty("effort").GetString());
        foreach (var knob in new[] { "temperature", "top_p", "presence_penalty", "frequency_penalty" })
        {
            Assert.False(chat.TryGetProperty(knob, out _), knob);
            Assert.False(responses.TryGetProperty(knob, out _), knob);
        }
    }

    [Fact]
    public void Write_ToAModelThatDoesNotReason_NoEffortAndSamplingKept()
    {
        var chat = WriteChat(Asking(new ReasoningRequest(ReasoningEffort.High, 16384)), "gpt-4o-mini");

        Assert.False(chat.TryGetProperty("reasoning_effort", out _));
        Assert.Equal(0.4, chat.GetProperty("temperature").GetDouble());
        Assert.Equal(0.8, chat.GetProperty("top_p").GetDouble());
        Assert.False(WriteResponses(Asking(new ReasoningRequest(ReasoningEffort.High)), "gpt-4.1").TryGetProperty("reasoning", out _));
    }

    [Theory]
    [InlineData(ReasoningEffort.None, "none")]
    [InlineData(ReasoningEffort.Minimal, "minimal")]
    [InlineData(ReasoningEffort.XHigh, "xhigh")]
    [InlineData(ReasoningEffort.Max, "xhigh")]
    public void Write_ToANameNotOpenAIs_TheEffortsOwnName(ReasoningEffort effort, string expected)
    {
        // A compatible server, or the library's route name in its own round trip: nothing known refuses it.
        var chat = WriteChat(Asking(new ReasoningRequest(effort)), "support-route");

        Assert.Equal(expected, chat.GetProperty("reasoning_effort").GetString());
        Assert.Equal(0.4, chat.GetProperty("temperature").GetDouble());
    }

    [Theory]
    [InlineData(ReasoningEffort.None)]
    [InlineData(null)]
    public void Write_ThinkingOffOrUnasked_NoEffort(ReasoningEffort? effort)
    {
        var request = Asking(effort is { } e ? new ReasoningRequest(e) : null);

        Assert.False(WriteChat(request, "o3").TryGetProperty("reasoning_effort", out _));
        Assert.False(WriteResponses(request, "o3").TryGetProperty("reasoning", out _));
    }

    [Fact]
    public void WriteResponse_Thinking_ReasoningContentWithoutRedactedOrSignatures()
    {
        var response = new ChatResponse
        {
            Id = "msg_1",
            Model = "claude-sonnet-4-5",
            Content = [new ThinkingPart("First, ", "sig-a"), new ThinkingPart("opaque", null, Redacted: true), new ThinkingPart("then.", "sig-b"), new TextPart("Answer.")],
            FinishReason = FinishReason.Stop,
        };

        var message = JsonDocument.Parse(OpenAIChatCodec.Instance.WriteResponse(response)).RootElement.GetProperty("choices")[0].GetProperty("message");

        Assert.Equal("First, then.", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("Answer.", message.GetProperty("content").GetString());
        Assert.DoesNotContain("sig-", message.GetRawText(), StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(OpenAIChatCodec.Instance.WriteResponse(response with { Content = [new TextPart("A")] }))
            .RootElement.GetProperty("choices")[0].GetProperty("message").TryGetProperty("reasoning_content", out _));
    }

    [Fact]
    public void ReadResponse_ReasoningContent_AnUnsignedThinkingPartBeforeTheText()
    {
        var body = """
            {"id":"c1","object":"chat.completion","created":1,"model":"deepseek-reasoner","choices":[{"index":0,
             "message":{"role":"assistant","content":"Answer.","reasoning_content":"Let me see."},"finish_reason":"stop"}]}
            """;

        var response = OpenAIChatCodec.Instance.ReadResponse(Encoding.UTF8.GetBytes(body)).Value!;

        Assert.Equal([new ThinkingPart("Let me see.", null), new TextPart("Answer.")], response.Content);
    }

    [Fact]
    public void Decode_ReasoningContentDeltas_ThinkingDeltasThenText()
    {
        var result = StreamResult.Decode(
        [
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"reasoning_content":"Let me "}}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"reasoning_content":"see."}}]}""",
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Answer."},"finish_reason":"stop"}]}""",
            "[DONE]",
        ]);

        Assert.Equal("Let me see.", string.Concat(result.Events.OfType<ThinkingDeltaEvent>().Select(e => e.Text)));
        Assert.Equal("Answer.", result.Text);
        Assert.True(result.Events.FindIndex(e => e is ThinkingDeltaEvent) < result.Events.FindIndex(e => e is TextDeltaEvent));
    }
}
