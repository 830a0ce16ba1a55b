using System.Text.Json;

namespace Switchyard.Model;

/// <summary>The shape the client asked the output to take.</summary>
public enum ResponseFormatKind
{
    /// <summary>Free text (the default).</summary>
    Text,

    /// <summary>Any JSON object (OpenAI <c>json_object</c>).</summary>
    JsonObject,

    /// <summary>JSON matching <see cref="ResponseFormat.Schema"/>.</summary>
    JsonSchema,
}

/// <summary>Structured output request.</summary>
public sealed record ResponseFormat(ResponseFormatKind Kind, JsonElement? Schema = null, string? Name = null)
{
    /// <summary>Strict schema adherence.</summary>
    public bool? Strict { get; init; }
}
