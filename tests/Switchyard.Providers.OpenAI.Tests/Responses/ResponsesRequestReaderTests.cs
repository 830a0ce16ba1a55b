using System.Text;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

public sealed class ResponsesRequestReaderTests
{
    private static CodecResult<ChatRequest> Read(string json) => OpenAIResponsesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(json));

    private static ChatRequest Valid(string json)
    {
        var result = Read(json);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value;
    }

    [Fact]
    public void ReadRequest_StringInput_IsOneUserMessageWithDefaults()
    {
        var request = Valid("""{"model":"gpt-4o","input":"Hello"}""");

        Assert.Equal("gpt-4o", request.Model);
        Assert.Equal([ChatMessage.FromText(ChatRole.User, "Hello")], request.Messages, MessageComparer.Instance);
        Assert.True(request.IncludeUsage);
        Assert.False(request.Stream);
        Assert.Equal(new ResponsesControls(Background: false, Store: true, PreviousResponseId: null), request.Responses);
    }

    [Fact]
    public void ReadRequest_InstructionsAndItems_LeadWithSystemAndKeepRoles()
    {
        var request = Valid("""
            {"model":"m","instructions":"Be brief.","input":[
              {"type":"message","role":"developer","content":"Use metric."},
              {"role":"user","content":[{"type":"input_text","text":"Look:"},{"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"low"}]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"A cat."}]},
              {"type":"message","role":"system","content":[{"type":"input_text","text":"Later rule."}]}]}
            """);

        Assert.Equal([ChatRole.System, ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.System], request.Messages.Select(m => m.Role));
        Assert.Equal("Be brief.", request.Messages[0].Text);
        Assert.Equal(new ImagePart { MediaType = "image/png", Base64Data = "AAAA", Detail = "low" }, request.Messages[2].Content[1]);
        Assert.Equal("A cat.", request.Messages[3].Text);
    }

    [Fact]
    public void ReadRequest_FunctionCallRound_FoldsCallsIntoAssistantTurnAndResultsIntoToolMessages()
    {
        var request = Valid("""
            {"model":"m","input":[
              {"role":"user","content":"Weather in Oslo and Rome?"},
              {"type":"message","role":"assistant","content":"Checking."},
              {"type":"function_call","call_id":"call_1","name":"weather","arguments":"{\"city\":\"Oslo\"}"},
              {"type":"function_call","call_id":"call_2","name":"weather","arguments":"{\"city\":\"Rome\"}"},
              {"type":"function_call_output","call_id":"call_1","output":"5C"},
              {"type":"function_call_output","call_id":"call_2","output":"20C"},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAA"}]}
            """);

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool], request.Messages.Select(m => m.Role));
        Assert.Equal(
            [new TextPart("Checking."), new ToolCallPart("call_1", "weather", "{\"city\":\"Oslo\"}"), new ToolCallPart("call_2", "weather", "{\"city\":\"Rome\"}")],
            request.Messages[1].Content);
        var result = Assert.IsType<ToolResultPart>(Assert.Single(request.Messages[3].Content));
        Assert.Equal("call_2", result.ToolCallId);
        Assert.Equal([new TextPart("20C")], result.Content);
    }

    [Fact]
    public void ReadRequest_ToolsChoiceAndSampling_AreRead()
    {
        var request = Valid("""
            {"model":"m","input":"x","tools":[{"type":"function","name":"lookup","description":"Looks up","parameters":{"type":"object","properties":{}},"strict":true}],
             "tool_choice":{"type":"function","name":"lookup"},"parallel_tool_calls":false,"temperature":0.3,"top_p":0.9,"max_output_tokens":16,
             "stream":true,"stream_options":{"include_obfuscation":false},"user":"u1","safety_identifier":"s1",
             "metadata":{"k":"v"},"reasoning":{"effort":"low"},"truncation":"auto","include":["reasoning.encrypted_content"],"prompt_cache_key":"p","service_tier":"auto"}
            """);

        var tool = Assert.Single(request.Tools!);
        Assert.Equal(("lookup", "Looks up", true), (tool.Name, tool.Description, tool.Strict));
        Assert.Equal(new ToolChoice(ToolChoiceMode.Specific, "lookup"), request.ToolChoice);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal((0.3, 0.9, 16), (request.Temperature, request.TopP, request.MaxOutputTokens));
        Assert.True(request.Stream);
        Assert.Equal("s1", request.User);
    }

    [Theory]
    [InlineData("\"auto\"", ToolChoiceMode.Auto)]
    [InlineData("\"none\"", ToolChoiceMode.None)]
    [InlineData("\"required\"", ToolChoiceMode.Required)]
    public void ReadRequest_ToolChoiceStrings_AreRead(string choice, ToolChoiceMode mode)
    {
        var request = Valid($$"""{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":{{choice}}}""");

        Assert.Equal(mode, request.ToolChoice!.Mode);
    }

    [Fact]
    public void ReadRequest_TextFormatJsonSchema_IsReadFlat()
    {
        var request = Valid("""{"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"city","schema":{"type":"object"},"strict":true},"verbosity":"low"}}""");

        Assert.Equal(ResponseFormatKind.JsonSchema, request.ResponseFormat!.Kind);
        Assert.Equal("city", request.ResponseFormat.Name);
        Assert.True(request.ResponseFormat.Strict);
        Assert.Equal("""{"type":"object"}""", request.ResponseFormat.Schema!.Value.GetRawText());
    }

    [Fact]
    public void ReadRequest_TextFormatJsonObject_IsRead()
    {
        Assert.Equal(ResponseFormatKind.JsonObject, Valid("""{"model":"m","input":"x","text":{"format":{"type":"json_object"}}}""").ResponseFormat!.Kind);
    }

    [Fact]
    public void ReadRequest_BackgroundStoreAndPreviousId_BecomeControls()
    {
        var request = Valid("""{"model":"m","input":"x","background":true,"store":true,"previous_response_id":"resp_9"}""");

        Assert.Equal(new ResponsesControls(true, true, "resp_9"), request.Responses);
    }

    [Fact]
    public void ReadRequest_ChainedWithoutInput_IsAccepted()
    {
        var request = Valid("""{"model":"m","previous_response_id":"resp_9","instructions":"Go on."}""");

        Assert.Equal("Go on.", Assert.Single(request.Messages).Text);
    }

    [Theory]
    [InlineData("{not json", null, "We could not parse the JSON body")]
    [InlineData("[]", null, "expected an object")]
    [InlineData("""{"input":"x"}""", "model", "Missing required parameter: 'model'.")]
    [InlineData("""{"model":3,"input":"x"}""", "model", "expected a string, but got an integer")]
    [InlineData("""{"model":"m"}""", "input", "Missing required parameter: 'input'.")]
    [InlineData("""{"model":"m","input":5}""", "input", "expected a string or an array of input items")]
    [InlineData("""{"model":"m","input":[]}""", "input", "empty array")]
    [InlineData("""{"model":"m","input":["hi"]}""", "input[0]", "expected an object")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":"c"},{"type":"web_search_call","id":"ws_1"}]}""", "input[3].type", "'web_search_call'")]
    [InlineData("""{"model":"m","input":[{"type":"message","role":"tool","content":"x"}]}""", "input[0].role", "'tool'")]
    [InlineData("""{"model":"m","input":[{"type":"message","role":"user"}]}""", "input[0].content", "Missing required parameter")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}""", "input[0].content[0].type", "'input_audio'")]
    [InlineData("""{"model":"m","input":[{"role":"assistant","content":[{"type":"input_image","image_url":"https://x/y.png"}]}]}""", "input[0].content[0].type", "'input_image'")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_image","image_url":"ftp://x"}]}]}""", "input[0].content[0].image_url", "Expected a valid http(s) URL")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","call_id":"c","name":"f"}]}""", "input[0].arguments", "Missing required parameter")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","call_id":"c"}]}""", "input[0].output", "Missing required parameter")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","call_id":"","output":"x"}]}""", "input[0].call_id", "empty string")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"web_search"}]}""", "tools[0].type", "not supported by this gateway")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"bad name"}]}""", "tools[0].name", "does not match pattern")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":"sometimes"}""", "tool_choice", "'sometimes'")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":{"type":"function","name":"g"}}""", "tool_choice.name", "'g'")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"f"}],"tool_choice":{"type":"file_search"}}""", "tool_choice.type", "'file_search'")]
    [InlineData("""{"model":"m","input":"x","max_output_tokens":15}""", "max_output_tokens", "Expected a value >= 16, but got 15")]
    [InlineData("""{"model":"m","input":"x","max_output_tokens":"20"}""", "max_output_tokens", "expected an integer")]
    [InlineData("""{"model":"m","input":"x","temperature":3}""", "temperature", "Expected a value <= 2")]
    [InlineData("""{"model":"m","input":"x","text":{"format":{"type":"yaml"}}}""", "text.format.type", "'yaml'")]
    [InlineData("""{"model":"m","input":"x","text":{"format":{"type":"json_schema","schema":{}}}}""", "text.format.name", "Missing required parameter")]
    [InlineData("""{"model":"m","input":"x","background":true,"store":false}""", "store", "background mode requires store=true")]
    [InlineData("""{"model":"m","input":"x","conversation":"conv_1","previous_response_id":"resp_1"}""", "conversation", "Mutually exclusive parameters")]
    [InlineData("""{"model":"m","input":"x","conversation":"conv_1"}""", "conversation", "not supported by this gateway")]
    [InlineData("""{"model":"m","input":"x","metadata":{"k":1}}""", "metadata.k", "expected a string")]
    [InlineData("""{"model":"m","input":"x","truncation":"sometimes"}""", "truncation", "'sometimes'")]
    [InlineData("""{"model":"m","input":"x","stream":"yes"}""", "stream", "expected a boolean")]
    [InlineData("""{"model":"m","input":"x","include":[1]}""", "include[0]", "expected a string")]
    public void ReadRequest_InvalidBody_FailsWithParamAndMessage(string json, string? param, string message)
    {
        var result = Read(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, result.Failure.Kind);
        Assert.Equal(param, result.Failure.Param);
        Assert.Contains(message, result.Failure.Message, StringComparison.Ordinal);
    }

    private sealed class MessageComparer : IEqualityComparer<ChatMessage>
    {
        public static MessageComparer Instance { get; } = new();

        public bool Equals(ChatMessage? x, ChatMessage? y) =>
            x is not null && y is not null && x.Role == y.Role && x.Content.SequenceEqual(y.Content) && x.Name == y.Name;

        public int GetHashCode(ChatMessage obj) => obj.Role.GetHashCode();
    }
}
