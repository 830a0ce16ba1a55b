using System.Text.Json;
using Microsoft.Extensions.AI;
using Switchyard.Model;
using Canonical = Switchyard.Model;
using Meai = Microsoft.Extensions.AI;

namespace Switchyard.Extensions.AI.Tests;

/// <summary>Microsoft.Extensions.AI messages and options → the canonical request, part by part.</summary>
public sealed class RequestMappingTests
{
    [Fact]
    public void Options_MapOntoTheCanonicalRequest()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;
        var options = new ChatOptions
        {
            ModelId = "chat",
            Instructions = "Be brief.",
            MaxOutputTokens = 99,
            Temperature = 0.5f,
            TopP = 0.9f,
            TopK = 7,
            PresencePenalty = 0.5f,
            FrequencyPenalty = -0.25f,
            Seed = 12345678901,
            StopSequences = ["END"],
            Tools = [AIFunctionFactory.Create((string city) => city, "get_weather", "Weather.")],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            AllowMultipleToolCalls = false,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer"),
        };

        var request = RequestMapping.ToCanonical([new Meai.ChatMessage(Meai.ChatRole.User, "Hi")], options, defaultModel: "ignored", stream: true);

        Assert.Equal("chat", request.Model);
        Assert.Equal([Canonical.ChatRole.System, Canonical.ChatRole.User], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", request.Messages[0].Text);
        Assert.Equal(99, request.MaxOutputTokens);
        Assert.Equal(0.5, request.Temperature!.Value, 3);
        Assert.Equal(0.9, request.TopP!.Value, 3);
        Assert.Equal(7, request.TopK);
        Assert.Equal((0.5, -0.25, 12345678901L), (request.PresencePenalty, request.FrequencyPenalty, request.Seed));
        Assert.Equal(["END"], request.StopSequences!);
        var tool = Assert.Single(request.Tools!);
        Assert.Equal(("get_weather", "Weather."), (tool.Name, tool.Description));
        Assert.Equal("string", tool.Parameters!.Value.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal(new ToolChoice(ToolChoiceMode.Specific, "get_weather"), request.ToolChoice);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal(ResponseFormatKind.JsonSchema, request.ResponseFormat!.Kind);
        Assert.Equal("answer", request.ResponseFormat.Name);
        Assert.True(request.Stream && request.IncludeUsage);
    }

    [Theory]
    [InlineData(Meai.ReasoningEffort.None, Canonical.ReasoningEffort.None)]
    [InlineData(Meai.ReasoningEffort.Low, Canonical.ReasoningEffort.Low)]
    [InlineData(Meai.ReasoningEffort.Medium, Canonical.ReasoningEffort.Medium)]
    [InlineData(Meai.ReasoningEffort.High, Canonical.ReasoningEffort.High)]
    [InlineData(Meai.ReasoningEffort.ExtraHigh, Canonical.ReasoningEffort.XHigh)]
    public void Options_ReasoningEffort_OnTheCanonicalScale(Meai.ReasoningEffort effort, Canonical.ReasoningEffort expected)
    {
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } };

        var request = RequestMapping.ToCanonical([new Meai.ChatMessage(Meai.ChatRole.User, "Hi")], options, defaultModel: "m", stream: false);

        Assert.Equal(new ReasoningRequest(expected), request.Reasoning);
        Assert.Null(RequestMapping.ToCanonical([new Meai.ChatMessage(Meai.ChatRole.User, "Hi")], new ChatOptions(), "m", false).Reasoning);
    }

    [Fact]
    public void Conversation_WithToolCallsResultsAndImages_KeepsEveryPart()
    {
        var messages = new[]
        {
            new Meai.ChatMessage(Meai.ChatRole.User, [new TextContent("Look:"), new DataContent(new byte[] { 0x89, 0x50 }, "image/png"), new UriContent("https://example.com/a.jpg", "image/jpeg")]),
            new Meai.ChatMessage(Meai.ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" }), new FunctionCallContent("call_2", "get_time", null)]),
            new Meai.ChatMessage(Meai.ChatRole.Tool, [new FunctionResultContent("call_1", "Rain."), new FunctionResultContent("call_2", new { hour = 9 })]),
        };

        var request = RequestMapping.ToCanonical(messages, null, defaultModel: "gpt-4o-mini", stream: false);

        Assert.Equal([Canonical.ChatRole.User, Canonical.ChatRole.Assistant, Canonical.ChatRole.Tool, Canonical.ChatRole.Tool], request.Messages.Select(m => m.Role));
        var user = request.Messages[0].Content;
        Assert.Equal("Look:", Assert.IsType<TextPart>(user[0]).Text);
        var inline = Assert.IsType<ImagePart>(user[1]);
        Assert.Equal(("image/png", Convert.ToBase64String(new byte[] { 0x89, 0x50 })), (inline.MediaType, inline.Base64Data));
        Assert.Equal("https://example.com/a.jpg", Assert.IsType<ImagePart>(user[2]).Url);
        var calls = request.Messages[1].Content.Cast<ToolCallPart>().ToList();
        Assert.Equal("""{"city":"Oslo"}""", calls[0].ArgumentsJson);
        Assert.Equal("{}", calls[1].ArgumentsJson);
        var results = request.Messages.Skip(2).Select(m => Assert.IsType<ToolResultPart>(Assert.Single(m.Content))).ToList();
        Assert.Equal(("call_1", "Rain."), (results[0].ToolCallId, Assert.IsType<TextPart>(results[0].Content[0]).Text));
        Assert.Equal(("call_2", """{"hour":9}"""), (results[1].ToolCallId, Assert.IsType<TextPart>(results[1].Content[0]).Text));
        Assert.Null(request.ToolChoice);
        Assert.False(request.Stream);
    }

    [Fact]
    public void WhatCannotBeCarried_IsRefusedByName()
    {
        var audio = new Meai.ChatMessage(Meai.ChatRole.User, [new DataContent(new byte[] { 1 }, "audio/wav")]);
        var textInToolTurn = new Meai.ChatMessage(Meai.ChatRole.Tool, "not a result");
        var customRole = new Meai.ChatMessage(new Meai.ChatRole("critic"), "Hmm.");
        var hosted = new ChatOptions { ModelId = "m", Tools = [new HostedWebSearchTool()] };

        Assert.Contains("DataContent", Assert.Throws<ArgumentException>(() => RequestMapping.ToCanonical([audio], null, "m", false)).Message, StringComparison.Ordinal);
        Assert.Contains("function results", Assert.Throws<ArgumentException>(() => RequestMapping.ToCanonical([textInToolTurn], null, "m", false)).Message, StringComparison.Ordinal);
        Assert.Contains("critic", Assert.Throws<ArgumentException>(() => RequestMapping.ToCanonical([customRole], null, "m", false)).Message, StringComparison.Ordinal);
        Assert.Contains("not a function", Assert.Throws<ArgumentException>(() => RequestMapping.ToCanonical([], hosted, "m", false)).Message, StringComparison.Ordinal);
        Assert.Contains("ModelId", Assert.Throws<ArgumentException>(() => RequestMapping.ToCanonical([], null, null, false)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", ToolChoiceMode.None)]
    [InlineData("auto", ToolChoiceMode.Auto)]
    [InlineData("any", ToolChoiceMode.Required)]
    public void ToolModes_Map(string mode, ToolChoiceMode expected)
    {
        var options = new ChatOptions { ModelId = "m", ToolMode = mode switch { "none" => ChatToolMode.None, "auto" => ChatToolMode.Auto, _ => ChatToolMode.RequireAny } };

        Assert.Equal(expected, RequestMapping.ToCanonical([], options, null, false).ToolChoice!.Mode);
    }

    [Fact]
    public void JsonWithoutSchema_IsAJsonObject()
    {
        var request = RequestMapping.ToCanonical([], new ChatOptions { ModelId = "m", ResponseFormat = ChatResponseFormat.Json }, null, false);

        Assert.Equal(ResponseFormatKind.JsonObject, request.ResponseFormat!.Kind);
    }
}
