using Switchyard.Providers;

namespace Switchyard.Tests.Providers;

public sealed class ProviderEndpointTests
{
    private static readonly ProviderEndpoint Endpoint = new(new Uri("https://api.example.com/"), "sk-live-0123456789");

    [Fact]
    public void Redact_TextQuotingTheKey_HasItReplacedEverywhere() =>
        Assert.Equal("Incorrect API key provided: ***; again ***", Endpoint.Redact("Incorrect API key provided: sk-live-0123456789; again sk-live-0123456789"));

    [Fact]
    public void Redact_TextWithoutTheKey_IsTheSameInstance()
    {
        const string text = "The server had an error while processing your request.";

        Assert.Same(text, Endpoint.Redact(text));
    }

    [Fact]
    public void Redact_Null_IsNull() => Assert.Null(Endpoint.Redact(null));

    [Fact]
    public void Redact_AKeyTooShortToBeReal_LeavesTheTextAlone() =>
        Assert.Equal("a b c", new ProviderEndpoint(new Uri("https://api.example.com/"), "b").Redact("a b c"));

    [Fact]
    public void ToString_NeverShowsTheKey() => Assert.DoesNotContain("sk-live", Endpoint.ToString(), StringComparison.Ordinal);
}
