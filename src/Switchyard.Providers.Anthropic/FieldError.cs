namespace Switchyard.Providers.Anthropic;

/// <summary>A validation error at a field path, worded like Anthropic's own (<c>messages.0.content: …</c>).</summary>
/// <param name="Param">Dotted path of the offending field, e.g. <c>messages.1.content.0.source</c>.</param>
/// <param name="Detail">What is wrong with it.</param>
internal sealed record FieldError(string Param, string Detail)
{
    /// <summary>The caller-facing message, <c>path: detail</c>.</summary>
    public string Message => $"{Param}: {Detail}";

    public static FieldError Required(string param) => new(param, "Field required");

    public static FieldError NotString(string param) => new(param, "Input should be a valid string");

    public static FieldError NotObject(string param) => new(param, "Input should be a valid dictionary");

    public static FieldError NotList(string param) => new(param, "Input should be a valid list");

    public static FieldError NotBool(string param) => new(param, "Input should be a valid boolean");
}
