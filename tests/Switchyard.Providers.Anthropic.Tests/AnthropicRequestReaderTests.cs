using System.Text;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

public sealed class AnthropicRequestReaderTests
{
    private const string Ok = "\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024";
    private const string User = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    private static CodecResult<ChatRequest> Read(string json) => AnthropicMessagesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(json));

    public static TheoryData<string, string?, string> Malformed => new()
    {
        { "{", null, "error parsing the body" },
        { "[1,2]", null, "must be a JSON object" },
        { "{" + User + ",\"max_tokens\":5}", "model", "model: Field required" },
        { "{\"model\":5,\"max_tokens\":5," + User + "}", "model", "model: Input should be a valid string" },
        { "{\"model\":\"\",\"max_tokens\":5," + User + "}", "model", "at least 1 character" },
        { "{\"model\":\"m\"," + User + "}", "max_tokens", "max_tokens: Field required" },
        { "{\"model\":\"m\",\"max_tokens\":\"10\"," + User + "}", "max_tokens", "valid integer" },
        { "{\"model\":\"m\",\"max_tokens\":1.5," + User + "}", "max_tokens", "valid integer" },
        { "{\"model\":\"m\",\"max_tokens\":-1," + User + "}", "max_tokens", "greater than or equal to 0" },
        { "{" + Ok + "}", "messages", "messages: Field required" },
        { "{" + Ok + ",\"messages\":{}}", "messages", "valid list" },
        { "{" + Ok + ",\"messages\":[]}", "messages", "at least one message" },
        { "{" + Ok + ",\"messages\":[\"hi\"]}", "messages.0", "valid dictionary" },
        { "{" + Ok + ",\"messages\":[{\"content\":\"x\"}]}", "messages.0.role", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages.0.role", "'user', 'assistant'" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\"}]}", "messages.0.content", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages.0.content", "valid string or a list" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}", "messages.0", "non-empty content" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[]},{\"role\":\"assistant\",\"content\":\"x\"}]}", "messages.0", "non-empty content" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}", "messages.0.content.0.type", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}", "messages.0.content.0.text", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}]}", "messages.0.content.0", "must be non-empty" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\"}]}]}", "messages.0.content.0.source", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/bmp\",\"data\":\"AA\"}}]}]}", "messages.0.content.0.source.media_type", "image/png" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\"}}]}]}", "messages.0.content.0.source.data", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"ftp://x/y.png\"}}]}]}", "messages.0.content.0.source.url", "http or https" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"blob\"}}]}]}", "messages.0.content.0.source.type", "'base64', 'url' or 'file'" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}]}]}", "messages.0.content.0", "only allowed in assistant messages" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}]}", "messages.1.content.0", "only allowed in user messages" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":\"{}\"}]}]}", "messages.1.content.0.input", "valid dictionary" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"f\",\"input\":{}}]}]}", "messages.1.content.0.id", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\"}]}]}", "messages.0.content.0.tool_use_id", "Field required" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"is_error\":\"yes\"}]}]}", "messages.0.content.0.is_error", "valid boolean" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":{}}]}]}", "messages.0.content.0.content", "valid string or a list" },
        { "{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\"}]}]}", "messages.1.content.0.signature", "Field required" },
        { "{" + Ok + "," + User + ",\"system\":5}", "system", "valid string or a list of text blocks" },
        { "{" + Ok + "," + User + ",\"system\":[{\"type\":\"image\"}]}", "system.0.type", "Input should be 'text'" },
        { "{" + Ok + "," + User + ",\"temperature\":1.5}", "temperature", "less than or equal to 1" },
        { "{" + Ok + "," + User + ",\"temperature\":-0.1}", "temperature", "greater than or equal to 0" },
        { "{" + Ok + "," + User + ",\"temperature\":\"hot\"}", "temperature", "valid number" },
        { "{" + Ok + "," + User + ",\"top_p\":2}", "top_p", "less than or equal to 1" },
        { "{" + Ok + "," + User + ",\"top_k\":-1}", "top_k", "greater than or equal to 0" },
        { "{" + Ok + "," + User + ",\"stop_sequences\":\"END\"}", "stop_sequences", "valid list" },
        { "{" + Ok + "," + User + ",\"stop_sequences\":[\"a\",1]}", "stop_sequences.1", "valid string" },
        { "{" + Ok + "," + User + ",\"stream\":\"true\"}", "stream", "valid boolean" },
        { "{" + Ok + "," + User + ",\"metadata\":\"u\"}", "metadata", "valid dictionary" },
        { "{" + Ok + "," + User + ",\"metadata\":{\"user_id\":5}}", "metadata.user_id", "valid string" },
        { "{" + Ok + "," + User + ",\"tools\":{}}", "tools", "valid list" },
        { "{" + Ok + "," + User + ",\"tools\":[{\"name\":\"bad name!\",\"input_schema\":{\"type\":\"object\"}}]}", "tools.0.name", "should match pattern" },
        { "{" + Ok + "," + User + ",\"tools\":[{\"name\":\"f\"}]}", "tools.0.input_schema", "Field required" },
        { "{" + Ok + "," + User + ",\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"array\"}}]}", "tools.0.input_schema.type", "Input should be 'object'" },
        { "{" + Ok + "," + User + ",\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}},{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}]}", "tools", "must be unique" },
        { "{" + Ok + "," + User + ",\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}", "tools.0.type", "server tool type 'web_search_20250305' is not supported" },
        { "{" + Ok + "," + User + ",\"tool_choice\":\"auto\"}", "tool_choice", "valid dictionary" },
        { "{" + Ok + "," + User + ",\"tool_choice\":{\"type\":\"required\"}}", "tool_choice.type", "'auto', 'any', 'tool' or 'none'" },
        { "{" + Ok + "," + User + ",\"tool_choice\":{\"type\":\"tool\"}}", "tool_choice.name", "Field required" },
        { "{" + Ok + "," + User + ",\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":1}}", "tool_choice.disable_parallel_tool_use", "valid boolean" },
        { "{" + Ok + "," + User + ",\"thinking\":{\"type\":\"enabled\"}}", "thinking.budget_tokens", "Field required" },
        { "{" + Ok + "," + User + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":100}}", "thinking.budget_tokens", "greater than or equal to 1024" },
        { "{" + Ok + "," + User + ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}", "max_tokens", "greater than `thinking.budget_tokens`" },
        { "{" + Ok + "," + User + ",\"thinking\":{\"type\":\"sometimes\"}}", "thinking.type", "'enabled', 'disabled' or 'adaptive'" },
        { "{" + Ok + "," + User + ",\"output_config\":{\"format\":{\"type\":\"json_object\"}}}", "output_config.format.type", "json_schema" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ReadRequest_Malformed_InvalidRequestNamingTheField(string json, string? param, string messagePart)
    {
        var result = Read(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, result.Failure.Kind);
        Assert.Equal(param, result.Failure.Param);
        Assert.Contains(messagePart, result.Failure.Message, StringComparison.Ordinal);
        if (param is not null)
        {
            Assert.StartsWith(param + ": ", result.Failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReadRequest_MissingMaxTokens_RealApiWording()
    {
        var result = Read("{\"model\":\"m\"," + User + "}");

        Assert.Equal("max_tokens: Field required", result.Failure!.Message);
    }

    [Fact]
    public void ReadRequest_FullRequest_MapsEveryField()
    {
        var result = Read("""
            {"model":"claude-sonnet-4-5","max_tokens":512,"system":"Be brief.","stream":true,
             "temperature":0.3,"top_p":0.9,"top_k":40,"stop_sequences":["END"],"metadata":{"user_id":"u-42"},
             "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}],
             "tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true},
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}},
             "some_future_field":{"x":1},
             "messages":[{"role":"user","content":"Weather in Paris?"}]}
            """);

        var request = result.Value!;
        Assert.Equal("claude-sonnet-4-5", request.Model);
        Assert.Equal(512, request.MaxOutputTokens);
        Assert.True(request.Stream);
        Assert.False(request.IncludeUsage);
        Assert.Equal(0.3, request.Temperature);
        Assert.Equal(0.9, request.TopP);
        Assert.Equal(40, request.TopK);
        Assert.Equal(["END"], request.StopSequences!);
        Assert.Equal("u-42", request.User);
        var tool = Assert.Single(request.Tools!);
        Assert.Equal(("get_weather", "Weather", true), (tool.Name, tool.Description, tool.Strict));
        Assert.Equal("string", tool.Parameters!.Value.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal(new ToolChoice(ToolChoiceMode.Specific, "get_weather"), request.ToolChoice);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal(ResponseFormatKind.JsonSchema, request.ResponseFormat!.Kind);
        Assert.Equal(2, request.Messages.Count);
        Assert.Equal((ChatRole.System, "Be brief."), (request.Messages[0].Role, request.Messages[0].Text));
        Assert.Equal((ChatRole.User, "Weather in Paris?"), (request.Messages[1].Role, request.Messages[1].Text));
    }

    [Theory]
    [InlineData("{\"type\":\"auto\"}", ToolChoiceMode.Auto)]
    [InlineData("{\"type\":\"any\"}", ToolChoiceMode.Required)]
    [InlineData("{\"type\":\"none\"}", ToolChoiceMode.None)]
    public void ReadRequest_ToolChoiceForms_MapToModes(string choice, ToolChoiceMode mode)
    {
        var request = Read("{" + Ok + "," + User + ",\"tool_choice\":" + choice + "}").Value!;

        Assert.Equal(mode, request.ToolChoice!.Mode);
        Assert.Null(request.ParallelToolCalls);
    }

    [Fact]
    public void ReadRequest_SystemBlocks_OneSystemMessageWithOnePartPerBlock()
    {
        var request = Read("{" + Ok + "," + User + ",\"system\":[{\"type\":\"text\",\"text\":\"A\",\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"B\"}]}").Value!;

        Assert.Equal(ChatRole.System, request.Messages[0].Role);
        Assert.Equal([new TextPart("A") { Cache = new CacheBreakpoint() }, new TextPart("B")], request.Messages[0].Content);
    }

    [Fact]
    public void ReadRequest_ToolConversation_ToolResultsBecomeToolMessagesInPlace()
    {
        var request = Read("""
            {"model":"m","max_tokens":100,"messages":[
              {"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"image","source":{"type":"url","url":"https://x.test/a.png"}},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0"}}]},
              {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"w","input":{"city":"Paris"}},{"type":"tool_use","id":"toolu_2","name":"w","input":{"city":"Rome"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},{"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"25C"}],"is_error":true},{"type":"text","text":"Thanks"}]},
              {"role":"assistant","content":[{"type":"redacted_thinking","data":"enc"},{"type":"document","source":{"type":"text","data":"d"}}]}
            ]}
            """).Value!;

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool, ChatRole.User, ChatRole.Assistant], request.Messages.Select(m => m.Role));
        Assert.Equal(new ImagePart { Url = "https://x.test/a.png" }, request.Messages[0].Content[1]);
        Assert.Equal(new ImagePart { MediaType = "image/png", Base64Data = "iVBORw0" }, request.Messages[0].Content[2]);
        Assert.Equal(new ThinkingPart("hmm", "sig"), request.Messages[1].Content[0]);
        Assert.Equal(new ToolCallPart("toolu_1", "w", "{\"city\":\"Paris\"}"), request.Messages[1].Content[2]);
        var first = Assert.IsType<ToolResultPart>(Assert.Single(request.Messages[2].Content));
        Assert.Equal(("toolu_1", false, "18C"), (first.ToolCallId, first.IsError, ((TextPart)first.Content[0]).Text));
        var second = Assert.IsType<ToolResultPart>(Assert.Single(request.Messages[3].Content));
        Assert.True(second.IsError);
        Assert.Equal("Thanks", request.Messages[4].Text);
        Assert.Equal(new ThinkingPart("enc", null, Redacted: true), request.Messages[5].Content[0]);
        Assert.Equal("document", Assert.IsType<OpaquePart>(request.Messages[5].Content[1]).Raw.GetProperty("type").GetString());
    }

    [Fact]
    public void ReadRequest_SystemRoleMidConversation_AcceptedInPlace()
    {
        var request = Read("{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"system\",\"content\":\"be terse\"},{\"role\":\"user\",\"content\":\"b\"}]}").Value!;

        Assert.Equal([ChatRole.User, ChatRole.System, ChatRole.User], request.Messages.Select(m => m.Role));
    }

    [Fact]
    public void ReadRequest_EmptyFinalAssistant_Allowed()
    {
        var request = Read("{" + Ok + ",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"\"}]}").Value!;

        Assert.Empty(request.Messages[1].Content);
    }

    [Fact]
    public void ReadRequest_IntegralFloatMaxTokensAndPaddedJson_Accepted()
    {
        var request = Read("  { \"model\" : \"m\" , \"max_tokens\" : 1024.0 , \"messages\" : [ { \"role\" : \"user\" , \"content\" : \"x\" } ]   }  ").Value!;

        Assert.Equal(1024, request.MaxOutputTokens);
    }

    [Fact]
    public void ReadRequest_NullOptionalFields_TreatedAsAbsent()
    {
        var request = Read("{" + Ok + "," + User + ",\"system\":null,\"temperature\":null,\"tools\":null,\"metadata\":null,\"stream\":null}").Value!;

        Assert.Null(request.Temperature);
        Assert.Null(request.Tools);
        Assert.False(request.Stream);
    }

    [Fact]
    public void ReadRequest_DeeplyNestedJson_FailsCleanly()
    {
        var json = "{" + Ok + "," + User + ",\"x\":" + new string('[', 500) + new string(']', 500) + "}";

        var result = Read(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, result.Failure.Kind);
    }
    [Fact]
    public void ReadRequest_EveryTruncationAndTypeSwap_NeverThrows()
    {
        const string body = """
            {"model":"m","max_tokens":100,"system":[{"type":"text","text":"s"}],"tools":[{"name":"f","input_schema":{"type":"object"}}],
             "tool_choice":{"type":"tool","name":"f"},"thinking":{"type":"enabled","budget_tokens":2048},"metadata":{"user_id":"u"},
             "messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AA"}}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"r"}]}]}]}
            """;
        for (var i = 0; i < body.Length; i++)
        {
            _ = Read(body[..i]);
            // Swap any value for a number, a string, null, an array and an object.
            foreach (var swap in new[] { "1", "\"x\"", "null", "[]", "{}" })
            {
                if (body[i] is '{' or '[' or '"')
                {
                    var end = Math.Min(body.Length, i + 3);
                    _ = Read(body[..i] + swap + body[end..]);
                }
            }
        }
    }
}
