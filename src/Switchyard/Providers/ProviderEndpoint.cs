namespace Switchyard.Providers;

/// <summary>Where and how to reach one provider account.</summary>
/// <param name="BaseUrl">Base URL without <c>/v1</c>, e.g. <c>https://api.openai.com</c>.</param>
/// <param name="ApiKey">The provider key. A secret: never logged, never echoed in errors.</param>
public sealed record ProviderEndpoint(Uri BaseUrl, string ApiKey)
{
    // Shorter keys are test stand-ins; replacing every occurrence of a few characters would garble provider text.
    private const int MinRedactedKeyLength = 8;

    /// <inheritdoc/>
    public override string ToString() => $"ProviderEndpoint {{ BaseUrl = {BaseUrl}, ApiKey = *** }}";

    /// <summary>
    /// <paramref name="text"/> from the provider (an error message, a request id) with this key taken out. A provider, or
    /// a proxy in front of it, may echo the key it was sent, and such text is passed on to callers.
    /// </summary>
    public string? Redact(string? text) => Redact(text, ApiKey);

    /// <summary><paramref name="text"/> with <paramref name="key"/> replaced by <c>***</c>; the text itself when it holds none.</summary>
    public static string? Redact(string? text, string? key) =>
        text is null || key is not { Length: >= MinRedactedKeyLength } || !text.Contains(key, StringComparison.Ordinal)
            ? text
            : text.Replace(key, "***", StringComparison.Ordinal);
}
