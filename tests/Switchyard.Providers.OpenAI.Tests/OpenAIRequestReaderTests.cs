using System.Text;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

public sealed class OpenAIRequestReaderTests
{
    private const string User = """{"role":"user","content":"hi"}""";

    [Fact]
    public void ReadRequest_ParallelToolCallsRecording_MapsToolCallsAndResults()
    {
        var entries = Fixtures.HttpEntries("openai/chat/dotnet-ParallelToolCalls.json");
        var first = Read(Fixtures.RequestBody(entries[0]));
        var second = Read(Fixtures.RequestBody(entries[1]));

        var tool = Assert.Single(first.Tools!);
        Assert.Equal("get_weather_for_city", tool.Name);
        Assert.Equal("gets the current weather for a given city", tool.Description);
        Assert.Equal("object", tool.Parameters!.Value.GetProperty("type").GetString());
        Assert.Equal(4, second.Messages.Count);
        Assert.Equal(
            [new ToolCallPart("call_SKQEHo7QVlJRoCtEzcrYZM9C", "get_weather_for_city", "{\"city_name\": \"Santiago\"}"),
             new ToolCallPart("call_CkjljlLr7IebPc4hnvetfiZ8", "get_weather_for_city", "{\"city_name\": \"Karachi\"}")],
            second.Messages[1].Content);
        Assert.Equal(ChatRole.Tool, second.Messages[2].Role);
        var result = Assert.IsType<ToolResultPart>(Assert.Single(second.Messages[3].Content));
        Assert.Equal("call_CkjljlLr7IebPc4hnvetfiZ8", result.ToolCallId);
        Assert.Equal([new TextPart("sunny")], result.Content);
        Assert.True(second.UsesTools);
    }

    [Fact]
    public void ReadRequest_StreamingRecording_ReadsStreamAndIncludeUsage()
    {
        var request = Read(Fixtures.RequestBody(Fixtures.HttpEntries("openai/chat/dotnet-StreamingStructuredRefusalWorks.json")[0]));

        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal("gpt-4o-2024-08-06", request.Model);
    }

    [Fact]
    public void ReadRequest_StrictToolWithoutParametersRecording_IsAcceptedAsTheApiDid()
    {
        // OpenAI itself rejected this one (strict schema rules); the front door only checks shapes, so it passes through.
        var request = Read(Fixtures.RequestBody(Fixtures.HttpEntries("openai/errors/dotnet-chat-StructuredOutputs-strict-without-schema-400.json")[0]));

        Assert.Equal(ChatRole.System, request.Messages[0].Role);
        var tool = Assert.Single(request.Tools!);
        Assert.Null(tool.Parameters);
        Assert.True(tool.Strict);
    }

    [Fact]
    public void ReadRequest_FullRequest_MapsEveryField()
    {
        var request = Read("""
            {"model":"gpt-4o","messages":[
              {"role":"developer","content":[{"type":"text","text":"Be brief."}],"name":"ops"},
              {"role":"user","content":[{"type":"text","text":"What is this?"},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}},
                {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}},
                {"type":"input_audio","input_audio":{"data":"UklGR","format":"wav"}}]},
              {"role":"system","content":"Mid-conversation instruction."}],
             "max_tokens":100,"max_completion_tokens":200,"temperature":1.5,"top_p":0.9,"n":1,"stop":"END",
             "presence_penalty":0.5,"frequency_penalty":-1.25,
             "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"},"strict":false}}],
             "tool_choice":{"type":"function","function":{"name":"lookup"}},"parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}},
             "user":"legacy","safety_identifier":"user-42","stream":true,"stream_options":{"include_usage":false},
             "logprobs":true,"top_logprobs":3,"seed":12345678901,"reasoning_effort":"low","some_future_field":{"x":1}}
            """);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.System], request.Messages.Select(m => m.Role));
        Assert.Equal("ops", request.Messages[0].Name);
        var parts = request.Messages[1].Content;
        Assert.Equal(new ImagePart { MediaType = "image/png", Base64Data = "iVBORw0KGgo=", Detail = "low" }, parts[1]);
        Assert.Equal(new ImagePart { Url = "https://example.com/cat.jpg" }, parts[2]);
        Assert.Equal("input_audio", Assert.IsType<OpaquePart>(parts[3]).Raw.GetProperty("type").GetString());
        Assert.Equal(200, request.MaxOutputTokens);
        Assert.Equal(1.5, request.Temperature);
        Assert.Equal(0.9, request.TopP);
        Assert.Equal(["END"], request.StopSequences!);
        Assert.Equal(0.5, request.PresencePenalty);
        Assert.Equal(-1.25, request.FrequencyPenalty);
        Assert.Equal(12345678901L, request.Seed);
        Assert.Equal(new ToolChoice(ToolChoiceMode.Specific, "lookup"), request.ToolChoice);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal(ResponseFormatKind.JsonSchema, request.ResponseFormat!.Kind);
        Assert.Equal("answer", request.ResponseFormat.Name);
        Assert.True(request.ResponseFormat.Strict);
        Assert.Equal("user-42", request.User);
        Assert.True(request.Stream);
        Assert.False(request.IncludeUsage);
    }

    [Fact]
    public void ReadRequest_AssistantWithRefusalAndNullContent_KeepsItAsText()
    {
        var request = Read("""
            {"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","content":null,"refusal":"I can't."},
             {"role":"assistant","content":[{"type":"text","text":"a"},{"type":"refusal","refusal":"b"}]},{"role":"user","content":"y"}]}
            """);

        Assert.Equal("I can't.", request.Messages[1].Text);
        Assert.Equal("ab", request.Messages[2].Text);
    }

    [Fact]
    public void ReadRequest_AllowedTools_NarrowsTheToolList()
    {
        var request = Read("""
            {"model":"m","messages":[{"role":"user","content":"x"}],
             "tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b"}}],
             "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[{"type":"function","function":{"name":"b"}}]}}}
            """);

        Assert.Equal(["b"], request.Tools!.Select(t => t.Name));
        Assert.Equal(ToolChoiceMode.Required, request.ToolChoice!.Mode);
    }

    [Theory]
    [InlineData("none", ToolChoiceMode.None)]
    [InlineData("auto", ToolChoiceMode.Auto)]
    [InlineData("required", ToolChoiceMode.Required)]
    public void ReadRequest_ToolChoiceStrings_MapToModes(string value, ToolChoiceMode mode)
    {
        var request = Read(B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"@VALUE"}""").Replace("@VALUE", value, StringComparison.Ordinal));

        Assert.Equal(mode, request.ToolChoice!.Mode);
    }

    [Fact]
    public void ReadRequest_NullOptionalFields_AreTreatedAsAbsent()
    {
        var request = Read(B("""{"model":"m","messages":[@USER],"temperature":null,"top_p":null,"stop":null,"max_tokens":null,"stream":null,"stream_options":null,"tools":null,"n":null}"""));

        Assert.Null(request.Temperature);
        Assert.Null(request.StopSequences);
        Assert.False(request.Stream);
    }

    public static TheoryData<string, string?, string> Malformed => new()
    {
        // body, expected param, expected message fragment
        { "{\"model\":\"m\",", null, "could not parse the JSON body" },
        { "", null, "could not parse the JSON body" },
        { "[1]", null, "expected an object" },
        { B("""{"messages":[@USER]}"""), "model", "Missing required parameter: 'model'" },
        { B("""{"model":42,"messages":[@USER]}"""), "model", "expected a string, but got an integer" },
        { B("""{"model":"","messages":[@USER]}"""), "model", "empty string" },
        { """{"model":"m"}""", "messages", "Missing required parameter: 'messages'" },
        { """{"model":"m","messages":{}}""", "messages", "expected an array" },
        { """{"model":"m","messages":[]}""", "messages", "empty array" },
        { """{"model":"m","messages":["hi"]}""", "messages[0]", "expected an object, but got a string" },
        { """{"model":"m","messages":[{"content":"hi"}]}""", "messages[0].role", "Missing required parameter: 'messages[0].role'" },
        { """{"model":"m","messages":[{"role":"robot","content":"hi"}]}""", "messages[0].role", "Invalid value for 'messages[0].role': 'robot'" },
        { """{"model":"m","messages":[{"role":"function","name":"f","content":"hi"}]}""", "messages[0].role", "'function' role" },
        { """{"model":"m","messages":[{"role":"user"}]}""", "messages[0].content", "Missing required parameter: 'messages[0].content'" },
        { """{"model":"m","messages":[{"role":"user","content":5}]}""", "messages[0].content", "expected one of a string or array of objects, but got an integer" },
        { """{"model":"m","messages":[{"role":"user","content":[]}]}""", "messages[0].content", "empty array" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"video","url":"x"}]}]}""", "messages[0].content[0].type", "Invalid value for 'messages[0].content[0].type': 'video'" },
        { """{"model":"m","messages":[{"role":"user","content":[{"text":"x"}]}]}""", "messages[0].content[0].type", "Missing required parameter" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages[0].content[0].text", "Missing required parameter" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":"https://x/y.png"}]}]}""", "messages[0].content[0].image_url", "expected an object" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]}""", "messages[0].content[0].image_url.url", "Missing required parameter" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]}""", "messages[0].content[0].image_url.url", "valid http(s) URL" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"ultra"}}]}]}""", "messages[0].content[0].image_url.detail", "'ultra'" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"x"}}]}]}""", "messages[0].content[0].input_audio.format", "Missing required parameter" },
        { """{"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x"}}]}]}""", "messages[0].content[0].type", "Supported values are: 'text'" },
        { """{"model":"m","messages":[{"role":"assistant"}]}""", "messages[0].content", "needs content or tool_calls" },
        { """{"model":"m","messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]}""", "messages[0].tool_calls[0].id", "Missing required parameter" },
        { """{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{"a":1}}}]}]}""", "messages[0].tool_calls[0].function.arguments", "expected a string, but got an object" },
        { """{"model":"m","messages":[{"role":"assistant","tool_calls":{}}]}""", "messages[0].tool_calls", "expected an array" },
        { """{"model":"m","messages":[{"role":"tool","content":"r"}]}""", "messages[0].tool_call_id", "Missing required parameter" },
        { """{"model":"m","messages":[{"role":"user","content":"x"},{"role":"tool","tool_call_id":"c","content":"r"}]}""", "messages[1].role", "must be a response to a preceding message with 'tool_calls'" },
        { """{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c2","content":"r"}]}""", "messages[1].tool_call_id", "'c2' not found" },
        { """{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"user","content":"x"}]}""", "messages[0].role", "did not have response messages: c1" },
        { """{"model":"m","messages":[{"role":"user","content":"x","name":7}]}""", "messages[0].name", "expected a string" },
        { B("""{"model":"m","messages":[@USER],"max_tokens":0}"""), "max_tokens", "below minimum value" },
        { B("""{"model":"m","messages":[@USER],"max_completion_tokens":1.5}"""), "max_completion_tokens", "expected an integer, but got a decimal" },
        { B("""{"model":"m","messages":[@USER],"max_completion_tokens":"100"}"""), "max_completion_tokens", "expected an integer, but got a string" },
        { B("""{"model":"m","messages":[@USER],"temperature":2.5}"""), "temperature", "Expected a value <= 2, but got 2.5" },
        { B("""{"model":"m","messages":[@USER],"temperature":-0.1}"""), "temperature", "below minimum value" },
        { B("""{"model":"m","messages":[@USER],"top_p":1.1}"""), "top_p", "above maximum value" },
        { B("""{"model":"m","messages":[@USER],"n":2}"""), "n", "does not support n > 1" },
        { B("""{"model":"m","messages":[@USER],"n":0}"""), "n", "below minimum value" },
        { B("""{"model":"m","messages":[@USER],"stop":["a","b","c","d","e"]}"""), "stop", "maximum length 4" },
        { B("""{"model":"m","messages":[@USER],"stop":["a",1]}"""), "stop[1]", "expected a string" },
        { B("""{"model":"m","messages":[@USER],"stop":5}"""), "stop", "expected a string or an array of strings" },
        { B("""{"model":"m","messages":[@USER],"tools":{}}"""), "tools", "expected an array" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"custom","custom":{"name":"x"}}]}"""), "tools[0].type", "only 'function' tools" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function"}]}"""), "tools[0].function", "Missing required parameter" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"get weather"}}]}"""), "tools[0].function.name", "does not match pattern" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"@LONG"}}]}"""), "tools[0].function.name", "does not match pattern" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}]}"""), "tools[0].function.parameters", "expected an object, but got a string" },
        { B("""{"model":"m","messages":[@USER],"tool_choice":"auto"}"""), "tool_choice", "only allowed when 'tools' are specified" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"any"}"""), "tool_choice", "Invalid value for 'tool_choice': 'any'" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function"}}"""), "tool_choice.function", "Missing required parameter" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":7}"""), "tool_choice", "expected a string or an object" },
        { B("""{"model":"m","messages":[@USER],"parallel_tool_calls":true}"""), "parallel_tool_calls", "only allowed when 'tools' are specified" },
        { B("""{"model":"m","messages":[@USER],"tools":[{"type":"function","function":{"name":"f"}}],"parallel_tool_calls":"yes"}"""), "parallel_tool_calls", "expected a boolean" },
        { B("""{"model":"m","messages":[@USER],"response_format":{"type":"xml"}}"""), "response_format.type", "'xml'" },
        { B("""{"model":"m","messages":[@USER],"response_format":{"type":"json_schema"}}"""), "response_format.json_schema", "Missing required parameter" },
        { B("""{"model":"m","messages":[@USER],"response_format":{"type":"json_schema","json_schema":{"schema":{}}}}"""), "response_format.json_schema.name", "Missing required parameter" },
        { B("""{"model":"m","messages":[@USER],"response_format":"json"}"""), "response_format", "expected an object" },
        { B("""{"model":"m","messages":[@USER],"stream":"true"}"""), "stream", "expected a boolean, but got a string" },
        { B("""{"model":"m","messages":[@USER],"stream_options":{"include_usage":true}}"""), "stream_options", "only allowed when 'stream' is enabled" },
        { B("""{"model":"m","messages":[@USER],"stream":false,"stream_options":{"include_usage":true}}"""), "stream_options", "only allowed when 'stream' is enabled" },
        { B("""{"model":"m","messages":[@USER],"stream":true,"stream_options":{"include_usage":"yes"}}"""), "stream_options.include_usage", "expected a boolean" },
        { B("""{"model":"m","messages":[@USER],"top_logprobs":21}"""), "top_logprobs", "above maximum value" },
        { B("""{"model":"m","messages":[@USER],"presence_penalty":3}"""), "presence_penalty", "above maximum value" },
        { B("""{"model":"m","messages":[@USER],"user":{"id":1}}"""), "user", "expected a string, but got an object" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ReadRequest_MalformedRequest_FailsNamingTheField(string body, string? param, string fragment)
    {
        var result = OpenAIChatCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, result.Failure.Kind);
        Assert.Equal(param, result.Failure.Param);
        Assert.Contains(fragment, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequest_DeeplyNestedJson_FailsCleanly()
    {
        var body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"metadata\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var result = OpenAIChatCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Contains("could not parse the JSON body", result.Failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Fills the placeholders of a request body: @USER is a valid user message, @LONG a 65-character name.</summary>
    private static string B(string body) =>
        body.Replace("@USER", User, StringComparison.Ordinal).Replace("@LONG", new string('a', 65), StringComparison.Ordinal);

    private static ChatRequest Read(string body) => Read(Encoding.UTF8.GetBytes(body));

    private static ChatRequest Read(byte[] body)
    {
        var result = OpenAIChatCodec.Instance.ReadRequest(body);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value;
    }
}
