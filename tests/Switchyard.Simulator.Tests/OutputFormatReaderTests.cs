using System.Text.Json;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Tests;

/// <summary>
/// What each API rejects in a requested output format, in its own words: a strict schema that is missing or not closed
/// (the recorded OpenAI 400 for a strict tool without parameters has the same wording), a format without a name, an
/// unknown type, <c>json_object</c> without the word "json", and an Anthropic format without a schema.
/// </summary>
public sealed class OutputFormatReaderTests
{
    private const string Closed = """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}""";

    public static TheoryData<string, string, string?, string?> ChatErrors => new()
    {
        {
            """{"type":"json_schema","json_schema":{"name":"x","strict":true}}""",
            "Invalid schema for response_format 'x': In context=(), 'additionalProperties' is required to be supplied and to be false.",
            "response_format", "invalid_json_schema"
        },
        {
            """{"type":"json_schema","json_schema":{"name":"x","strict":true,"schema":{"type":"object","properties":{"a":{"type":"object","properties":{}}},"required":["a"],"additionalProperties":false}}}""",
            "Invalid schema for response_format 'x': In context=('properties', 'a'), 'additionalProperties' is required to be supplied and to be false.",
            "response_format", "invalid_json_schema"
        },
        {
            """{"type":"json_schema","json_schema":{"name":"x","strict":true,"schema":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a"],"additionalProperties":false}}}""",
            "Invalid schema for response_format 'x': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'b'.",
            "response_format", "invalid_json_schema"
        },
        {
            """{"type":"json_schema","json_schema":{"name":"x","strict":true,"schema":{"type":"array","items":{"type":"string"}}}}""",
            "Invalid schema for response_format 'x': schema must be a JSON Schema of 'type: \"object\"', got 'type: \"array\"'.",
            "response_format", "invalid_json_schema"
        },
        { """{"type":"json_schema","json_schema":{"schema":{}}}""", "Missing required parameter: 'response_format.json_schema.name'.", "response_format.json_schema.name", "missing_required_parameter" },
        { """{"type":"json_schema"}""", "Missing required parameter: 'response_format.json_schema'.", "response_format.json_schema", "missing_required_parameter" },
        { """{"type":"xml"}""", "Invalid value: 'xml'. Supported values are: 'text', 'json_object', and 'json_schema'.", "response_format.type", "invalid_value" },
        { """{"type":"json_object"}""", "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", "messages", null },
    };

    [Theory]
    [MemberData(nameof(ChatErrors))]
    public void ReadChat_Rejected_TheApisError(string responseFormat, string message, string? param, string? code)
    {
        var error = Assert.IsType<WireError>(OpenAIRequestParser.Parse(Body($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"response_format":{{responseFormat}}}""")).Error);

        Assert.Equal(new WireError(400, "invalid_request_error", message, param, code), error);
    }

    [Theory]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","strict":true,"schema":""" + Closed + "}}", "JsonSchema")]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}""", "JsonSchema")]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"x"}}""", "JsonObject")]
    [InlineData("""{"type":"json_object"}""", "JsonObject")]
    [InlineData("""{"type":"text"}""", "Text")]
    [InlineData("null", "Text")]
    public void ReadChat_Accepted_FormatKind(string responseFormat, string kind)
    {
        var request = OpenAIRequestParser.Parse(Body($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Answer in JSON."}],"response_format":{{responseFormat}}}""")).Request;

        Assert.Equal(kind, Assert.IsType<SimRequest>(request).Format.Kind.ToString());
    }

    [Fact]
    public void ReadResponses_StrictWithoutSchema_InvalidJsonSchemaOnTextFormatSchema()
    {
        var result = ResponsesRequestParser.Parse(Body("""{"model":"gpt-4o","input":"Hi","text":{"format":{"type":"json_schema","name":"x","strict":true}}}"""), null);

        Assert.Equal(
            new WireError(400, "invalid_request_error", "Invalid schema for response_format 'x': In context=(), 'additionalProperties' is required to be supplied and to be false.", "text.format.schema", "invalid_json_schema"),
            result.Error);
    }

    [Fact]
    public void ReadResponses_JsonSchema_FormatCarriesTheSchema()
    {
        var result = ResponsesRequestParser.Parse(Body("""{"model":"gpt-4o","input":"Hi","text":{"format":{"type":"json_schema","name":"x","strict":true,"schema":""" + Closed + "}}}"), null);

        var format = result.Request!.Sim.Format;
        Assert.Equal(OutputFormatKind.JsonSchema, format.Kind);
        Assert.Equal(Closed, format.Schema!.Value.GetRawText());
    }

    [Theory]
    [InlineData("Answer in JSON.", null)]
    [InlineData("Answer.", "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.")]
    public void ReadResponses_JsonObject_NeedsTheWordJson(string input, string? message)
    {
        var result = ResponsesRequestParser.Parse(Body("""{"model":"gpt-4o","input":""" + Requests.Quote(input) + ""","text":{"format":{"type":"json_object"}}}"""), null);

        Assert.Equal(message is null ? null : new WireError(400, "invalid_request_error", message, "input"), result.Error);
        Assert.Equal(message is null ? "JsonObject" : null, result.Request?.Sim.Format.Kind.ToString());
    }

    [Theory]
    [InlineData("""{"type":"json_object"}""", "output_config.format.type: Input should be 'json_schema'")]
    [InlineData("""{"type":"json_schema"}""", "output_config.format.schema: Field required")]
    public void ReadAnthropic_Rejected_FieldError(string format, string message)
    {
        var error = AnthropicRequestParser.Parse(Body($$$"""{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}],"output_config":{"format":{{{format}}}}}""")).Error;

        Assert.Equal(new WireError(400, "invalid_request_error", message), error);
    }

    private static JsonElement Body(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
