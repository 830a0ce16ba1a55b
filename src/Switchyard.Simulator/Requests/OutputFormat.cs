using System.Text.Json;

namespace Switchyard.Simulator.Requests;

/// <summary>What shape the answer text must take, in provider-neutral terms.</summary>
internal enum OutputFormatKind
{
    /// <summary>Prose: <c>response_format</c> absent or <c>text</c>.</summary>
    Text,

    /// <summary>Some JSON object (OpenAI <c>json_object</c>, or a JSON schema format without a schema).</summary>
    JsonObject,

    /// <summary>A JSON document valid against <see cref="OutputFormat.Schema"/>.</summary>
    JsonSchema,
}

/// <summary>
/// The requested output format: OpenAI chat <c>response_format</c>, Responses <c>text.format</c>, Anthropic
/// <c>output_config.format</c>. <paramref name="Schema"/> is a clone that outlives the request document.
/// </summary>
internal sealed record OutputFormat(OutputFormatKind Kind, JsonElement? Schema = null)
{
    /// <summary>Prose, the default.</summary>
    public static OutputFormat Text { get; } = new(OutputFormatKind.Text);

    /// <summary>Whether the answer is JSON rather than prose.</summary>
    public bool IsJson => Kind != OutputFormatKind.Text;
}
