using System.Text.Json;

namespace Switchyard.Providers.OpenAI;

/// <summary>A validation problem in a client request: the message OpenAI-style and the offending parameter path.</summary>
internal sealed record JsonProblem(string Message, string Param)
{
    public static JsonProblem Missing(string param) => new($"Missing required parameter: '{param}'.", param);

    public static JsonProblem WrongType(string param, string expected, JsonElement actual) =>
        new($"Invalid type for '{param}': expected {expected}, but got {Describe(actual)} instead.", param);

    public static JsonProblem BadValue(string param, string? value, string supported) =>
        new($"Invalid value for '{param}': '{value}'. Supported values are: {supported}.", param);

    public static JsonProblem Invalid(string param, string detail) => new($"Invalid '{param}': {detail}", param);

    /// <summary>Names a JSON value's type the way OpenAI's validation messages do.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "an integer" : "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an unknown value",
    };
}
