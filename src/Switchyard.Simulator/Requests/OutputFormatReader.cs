using System.Text.Json;

namespace Switchyard.Simulator.Requests;

/// <summary>
/// Reads the requested output format of each API (PROTOCOLS §1.2, §2.1, §4.2) and rejects what the real API rejects:
/// an unknown type, a JSON schema format without a name, a strict schema that breaks <see cref="StrictSchema"/>, and
/// OpenAI's <c>json_object</c> when the conversation never says "json".
/// </summary>
internal static class OutputFormatReader
{
    private const string InvalidRequest = "invalid_request_error";

    private static readonly OpenAIField ChatField = new(
        "response_format",
        "json_schema",
        "response_format",
        "messages",
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.");

    private static readonly OpenAIField ResponsesField = new(
        "text.format",
        null,
        "text.format.schema",
        "input",
        "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.");

    /// <summary>Chat Completions <c>response_format</c>: <c>{type}</c>, the schema nested in <c>json_schema</c>.</summary>
    /// <param name="root">The request body.</param>
    /// <param name="conversationText">All of the conversation's text, searched for the word "json".</param>
    /// <param name="format">The format read; <see cref="OutputFormat.Text"/> when absent or on error.</param>
    public static WireError? ReadChat(JsonElement root, string conversationText, out OutputFormat format)
    {
        format = OutputFormat.Text;
        return JsonText.Has(root, "response_format") ? ReadOpenAI(root.GetProperty("response_format"), ChatField, conversationText, out format) : null;
    }

    /// <summary>Responses <c>text.format</c>: the schema's fields sit in the format object itself.</summary>
    public static WireError? ReadResponses(JsonElement root, string conversationText, out OutputFormat format)
    {
        format = OutputFormat.Text;
        return root.TryGetProperty("text", out var text) && JsonText.Has(text, "format") ? ReadOpenAI(text.GetProperty("format"), ResponsesField, conversationText, out format) : null;
    }

    private static WireError? ReadOpenAI(JsonElement element, OpenAIField field, string conversationText, out OutputFormat format)
    {
        format = OutputFormat.Text;
        switch (JsonText.GetString(element, "type"))
        {
            case "text":
                return null;
            case "json_object":
                format = new OutputFormat(OutputFormatKind.JsonObject);
                return MentionsJson(conversationText) ? null : new WireError(400, InvalidRequest, field.NoJsonMessage, field.NoJsonParam);
            case "json_schema" when field.Nested is null:
                return ReadSchemaSpec(element, field.Path, field.SchemaParam, out format);
            case "json_schema":
                var path = $"{field.Path}.{field.Nested}";
                return JsonText.Has(element, field.Nested) ? ReadSchemaSpec(element.GetProperty(field.Nested), path, field.SchemaParam, out format) : Missing(path);
            default:
                return new WireError(
                    400, InvalidRequest, $"Invalid value: '{JsonText.GetString(element, "type")}'. Supported values are: 'text', 'json_object', and 'json_schema'.", field.Path + ".type", "invalid_value");
        }
    }

    /// <summary>Anthropic <c>output_config.format</c>: only <c>{type:"json_schema", schema}</c> exists; errors in Anthropic's wording.</summary>
    public static WireError? ReadAnthropic(JsonElement root, out OutputFormat format)
    {
        format = OutputFormat.Text;
        if (!root.TryGetProperty("output_config", out var config) || !JsonText.Has(config, "format"))
        {
            return null;
        }

        var element = config.GetProperty("format");
        if (JsonText.GetString(element, "type") != "json_schema")
        {
            return new WireError(400, InvalidRequest, "output_config.format.type: Input should be 'json_schema'");
        }

        if (!element.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
        {
            return new WireError(400, InvalidRequest, "output_config.format.schema: Field required");
        }

        format = new OutputFormat(OutputFormatKind.JsonSchema, schema.Clone());
        return null;
    }

    private static WireError? ReadSchemaSpec(JsonElement spec, string path, string schemaParam, out OutputFormat format)
    {
        format = OutputFormat.Text;
        if (string.IsNullOrEmpty(JsonText.GetString(spec, "name")))
        {
            return Missing(path + ".name");
        }

        JsonElement? schema = spec.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.Object ? s.Clone() : null;
        if (JsonText.GetBool(spec, "strict") == true && StrictSchema.Violation(schema) is { } violation)
        {
            return new WireError(400, InvalidRequest, $"Invalid schema for response_format '{JsonText.GetString(spec, "name")}': {violation}", schemaParam, "invalid_json_schema");
        }

        // Without a schema (and not strict) the API only promises some JSON object.
        format = schema is null ? new OutputFormat(OutputFormatKind.JsonObject) : new OutputFormat(OutputFormatKind.JsonSchema, schema);
        return null;
    }

    private static bool MentionsJson(string text) => text.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static WireError Missing(string param) =>
        new(400, InvalidRequest, $"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    /// <summary>Where an OpenAI API keeps its format and how it words the errors about it.</summary>
    /// <param name="Path">The format object's path.</param>
    /// <param name="Nested">The member holding the schema's fields (<c>json_schema</c>), or null when they sit in the format object.</param>
    /// <param name="SchemaParam">The <c>param</c> of a strict-schema error.</param>
    /// <param name="NoJsonParam">The <c>param</c> of the <c>json_object</c>-without-"json" error.</param>
    /// <param name="NoJsonMessage">Its message.</param>
    private sealed record OpenAIField(string Path, string? Nested, string SchemaParam, string NoJsonParam, string NoJsonMessage);
}
