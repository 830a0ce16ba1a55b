using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

public sealed class ResponsesRequestWriterTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;

    private static ChatRequest Canonical(ResponsesControls? controls = null) => new()
    {
        Model = "alias",
        Messages =
        [
            ChatMessage.FromText(ChatRole.System, "Be brief."),
            new ChatMessage(ChatRole.User, [new TextPart("Weather?"), new ImagePart { Url = "https://x/y.png", Detail = "high" }]),
            new ChatMessage(ChatRole.Assistant, [new TextPart("Checking."), new ToolCallPart("call_1", "weather", "{\"city\":\"Oslo\"}")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("call_1", [new TextPart("5C")])]),
            ChatMessage.FromText(ChatRole.System, "Answer in Celsius."),
        ],
        MaxOutputTokens = 300,
        Temperature = 0.5,
        TopP = 0.8,
        Tools = [new ToolDefinition("weather", "Gets weather", Schema) { Strict = true }],
        ToolChoice = new ToolChoice(ToolChoiceMode.Required),
        ParallelToolCalls = false,
        ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, Schema, "city") { Strict = true },
        User = "u1",
        Responses = controls,
    };

    private static JsonElement Write(ChatRequest request, bool stream = false) =>
        JsonDocument.Parse(OpenAIResponsesCodec.Instance.WriteRequest(request, new UpstreamRequestOptions("gpt-4o", stream))).RootElement;

    [Fact]
    public void WriteRequest_ThenReadRequest_PreservesMessagesToolsLimitsAndFormat()
    {
        var original = Canonical();
        var body = OpenAIResponsesCodec.Instance.WriteRequest(original, new UpstreamRequestOptions("gpt-4o", Stream: true));

        var read = OpenAIResponsesCodec.Instance.ReadRequest(body);

        Assert.True(read.IsSuccess, read.Failure?.Message);
        var request = read.Value;
        Assert.Equal("gpt-4o", request.Model);
        Assert.Equal(original.Messages.Select(m => m.Role), request.Messages.Select(m => m.Role));
        for (var i = 0; i < original.Messages.Count; i++)
        {
            Assert.Equal(original.Messages[i].Content.Where(p => p is not ToolResultPart), request.Messages[i].Content.Where(p => p is not ToolResultPart));
        }

        var result = Assert.IsType<ToolResultPart>(Assert.Single(request.Messages[3].Content));
        Assert.Equal(("call_1", "5C"), (result.ToolCallId, ((TextPart)result.Content[0]).Text));
        Assert.Equal(300, request.MaxOutputTokens);
        Assert.Equal((0.5, 0.8), (request.Temperature, request.TopP));
        var tool = Assert.Single(request.Tools!);
        Assert.Equal(("weather", "Gets weather", true, Schema.GetRawText()), (tool.Name, tool.Description, tool.Strict, tool.Parameters!.Value.GetRawText()));
        Assert.Equal(ToolChoiceMode.Required, request.ToolChoice!.Mode);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal((ResponseFormatKind.JsonSchema, "city", true), (request.ResponseFormat!.Kind, request.ResponseFormat.Name, request.ResponseFormat.Strict));
        Assert.True(request.Stream);
        Assert.Equal("u1", request.User);
    }

    [Fact]
    public void WriteRequest_LeadingSystem_BecomesInstructionsAndLaterSystemStaysAnItem()
    {
        var body = Write(Canonical());

        Assert.Equal("Be brief.", body.GetProperty("instructions").GetString());
        var items = body.GetProperty("input").EnumerateArray().ToList();
        Assert.Equal(["message", "message", "function_call", "function_call_output", "message"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("system", items[^1].GetProperty("role").GetString());
        Assert.Equal("call_1", items[2].GetProperty("call_id").GetString());
    }

    [Fact]
    public void WriteRequest_WithoutResponsesControls_DoesNotStoreUpstream()
    {
        var body = Write(Canonical());

        Assert.False(body.GetProperty("store").GetBoolean());
        Assert.False(body.TryGetProperty("background", out _));
        Assert.False(body.TryGetProperty("previous_response_id", out _));
    }

    [Fact]
    public void WriteRequest_ResponsesClientControls_AreForwarded()
    {
        var body = Write(Canonical(new ResponsesControls(Background: true, Store: true)));

        Assert.True(body.GetProperty("store").GetBoolean());
        Assert.True(body.GetProperty("background").GetBoolean());
    }

    [Fact]
    public void WriteRequest_SmallLimit_IsRaisedToTheApiFloor()
    {
        var body = Write(Canonical() with { MaxOutputTokens = 5 });

        Assert.Equal(16, body.GetProperty("max_output_tokens").GetInt32());
    }

    [Fact]
    public void WriteRequest_AnthropicStyleToolResultsInUserTurn_BecomeOutputItemsBeforeTheMessage()
    {
        var request = Canonical() with
        {
            Messages =
            [
                new ChatMessage(ChatRole.Assistant, [new ToolCallPart("toolu_1", "weather", "{}")]),
                new ChatMessage(ChatRole.User, [new ToolResultPart("toolu_1", [new TextPart("sunny")]), new TextPart("Thanks")]),
            ],
        };

        var items = Write(request).GetProperty("input").EnumerateArray().ToList();

        Assert.Equal(["function_call", "function_call_output", "message"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("sunny", items[1].GetProperty("output").GetString());
    }
}
