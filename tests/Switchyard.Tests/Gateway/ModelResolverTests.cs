using Switchyard.Gateway;
using Switchyard.Providers;
using Switchyard.Tests.Fakes;

namespace Switchyard.Tests.Gateway;

public sealed class ModelResolverTests
{
    private static readonly FakeChatProvider OpenAI = new("openai", WireFormat.OpenAIChat);
    private static readonly FakeChatProvider Anthropic = new("anthropic", WireFormat.AnthropicMessages);

    private static ModelResolver Both(IReadOnlyDictionary<string, string>? explicitModels = null) => new([OpenAI, Anthropic], explicitModels);

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4.1-mini")]
    [InlineData("chatgpt-4o-latest")]
    [InlineData("ft:gpt-4o-mini:acme::abc123")]
    [InlineData("o1")]
    [InlineData("o3-mini")]
    [InlineData("o4-mini-2025-04-16")]
    public void Resolve_OpenAIConventions_ReturnsOpenAI(string model)
    {
        Assert.Same(OpenAI, Both().Resolve(model));
    }

    [Theory]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("claude-3-5-haiku-20241022")]
    public void Resolve_ClaudeConvention_ReturnsAnthropic(string model)
    {
        Assert.Same(Anthropic, Both().Resolve(model));
    }

    [Theory]
    [InlineData("")]
    [InlineData("o")]
    [InlineData("gpt")]
    [InlineData("GPT-4o")]
    [InlineData("Claude-3")]
    [InlineData("claude")]
    [InlineData("llama-3-70b")]
    [InlineData("ft:davinci-002")]
    [InlineData("mistral-large")]
    public void Resolve_UnknownModel_ReturnsNull(string model)
    {
        Assert.Null(Both().Resolve(model));
    }

    [Fact]
    public void Resolve_ExplicitMapping_WinsOverConvention()
    {
        var resolver = Both(new Dictionary<string, string> { ["gpt-4o"] = "anthropic" });

        Assert.Same(Anthropic, resolver.Resolve("gpt-4o"));
        Assert.Same(OpenAI, resolver.Resolve("gpt-4o-mini"));
    }

    [Fact]
    public void Resolve_ExplicitMappingOfUnconventionalName_ReturnsThatProvider()
    {
        var resolver = Both(new Dictionary<string, string> { ["house-model"] = "openai" });

        Assert.Same(OpenAI, resolver.Resolve("house-model"));
    }

    [Fact]
    public void Resolve_ExplicitMappingIsCaseSensitive_OtherCasingFallsToConvention()
    {
        var resolver = Both(new Dictionary<string, string> { ["House-Model"] = "openai" });

        Assert.Null(resolver.Resolve("house-model"));
    }

    [Fact]
    public void Resolve_ExplicitMappingToUnconfiguredProvider_ReturnsNullRatherThanTheConvention()
    {
        var resolver = Both(new Dictionary<string, string> { ["gpt-4o"] = "azure" });

        Assert.Null(resolver.Resolve("gpt-4o"));
    }

    [Fact]
    public void Resolve_ConventionalProviderNotConfigured_ReturnsNull()
    {
        var resolver = new ModelResolver([OpenAI]);

        Assert.Null(resolver.Resolve("claude-sonnet-4-5"));
        Assert.Same(OpenAI, resolver.Resolve("gpt-4o"));
    }

    [Fact]
    public void Resolve_NoProviders_ReturnsNull()
    {
        Assert.Null(new ModelResolver([]).Resolve("gpt-4o"));
    }

    [Fact]
    public void Resolve_NullModel_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Both().Resolve(null!));
    }

    [Fact]
    public void Providers_Configured_ListsThemAll()
    {
        Assert.Equal(["anthropic", "openai"], Both().Providers.Select(p => p.Name).Order());
    }

    [Fact]
    public void Constructor_DuplicateProviderNames_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ModelResolver([OpenAI, new FakeChatProvider("openai", WireFormat.OpenAIChat)]));
    }
}
