namespace Switchyard.Providers;

/// <summary>Where and how to reach one provider account.</summary>
/// <param name="BaseUrl">Base URL without <c>/v1</c>, e.g. <c>https://api.openai.com</c>.</param>
/// <param name="ApiKey">The provider key. A secret: never logged, never echoed in errors.</param>
public sealed record ProviderEndpoint(Uri BaseUrl, string ApiKey)
{
    /// <inheritdoc/>
    public override string ToString() => $"ProviderEndpoint {{ BaseUrl = {BaseUrl}, ApiKey = *** }}";
}
