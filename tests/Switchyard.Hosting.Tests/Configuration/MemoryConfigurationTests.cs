using Microsoft.Extensions.Configuration;
using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Tests.Configuration;

/// <summary>The Memory and Conversations sections bind strictly, reach the engine's options, and report bad values with their paths.</summary>
public sealed class MemoryConfigurationTests
{
    [Fact]
    public void Bind_MemorySection_ReachesTheEngineOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchyard:Memory:Enabled"] = "true",
            ["Switchyard:Memory:ContextBudgetTokens"] = "3000",
            ["Switchyard:Memory:Split:Recall"] = "0.3",
            ["Switchyard:Memory:Retention"] = "7.00:00:00",
            ["Switchyard:Memory:Summarizer:Model"] = "claude-haiku-4-5",
            ["Switchyard:Memory:Summarizer:Timeout"] = "00:00:05",
            ["Switchyard:Memory:Summarizer:DailyTokenBudget"] = "1000",
            ["Switchyard:Conversations:RetentionDays"] = "90",
        }).Build();

        var options = new SwitchyardOptions();
        configuration.GetSection("Switchyard").Bind(options, b => b.ErrorOnUnknownConfiguration = true);
        var engine = options.Memory.ToEngineOptions();

        Assert.Equal(3000, engine.ContextBudgetTokens);
        Assert.Equal(0.3, engine.Split.Recall);
        Assert.Equal(TimeSpan.FromDays(7), engine.Retention);
        Assert.Equal(TimeSpan.FromSeconds(5), engine.Summarizer.Timeout);
        Assert.Equal(1000, engine.Summarizer.DailyTokenBudget);
        Assert.Equal("claude-haiku-4-5", options.Memory.Summarizer.Model);
        Assert.Equal(90, options.Conversations.RetentionDays);
        Assert.Empty(new SwitchyardOptionsValidator().Validate(null, options).Failures ?? []);
    }

    [Fact]
    public void Validate_BadMemoryValues_ReportsThemAllWithTheirPaths()
    {
        var options = new SwitchyardOptions
        {
            Memory = new MemoryConfigOptions
            {
                ContextBudgetTokens = 100,
                Split = new SplitConfigOptions { Recall = 0.8, Summary = 0.5 },
                Embedder = "cloud",
                Summarizer = new SummarizerConfigOptions { Model = "", Tier = "nope" },
            },
            Conversations = new ConversationOptions { RetentionDays = 0 },
        };

        var failures = new SwitchyardOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:ContextBudgetTokens:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:Split:Recall+Summary:", StringComparison.Ordinal) && f.Contains("1.3", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:Embedder", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:Summarizer:Model", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:Summarizer:Tier", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Conversations:RetentionDays", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OpenAIEmbedder_NeedsTheOpenAIProviderAndDimensionsInRange()
    {
        var options = new SwitchyardOptions
        {
            Memory = new MemoryConfigOptions { Enabled = true, Embedder = "openai", EmbeddingDimensions = 1537 },
        };
        options.Providers.OpenAI.ApiKey = null;

        var failures = new SwitchyardOptionsValidator().Validate(null, options).Failures!.ToList();
        options.Providers.OpenAI.ApiKey = "sk-test";
        options.Memory.EmbeddingDimensions = 512;
        var fixedFailures = new SwitchyardOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:Embedder 'openai' needs the OpenAI provider", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:EmbeddingDimensions must be 1–1536", StringComparison.Ordinal));
        Assert.DoesNotContain(fixedFailures, f => f.Contains("Memory", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OpenAIEmbedderModel_ResolvesLikeARequestsModel_ARouteNeedsAnOpenAITarget()
    {
        var options = new SwitchyardOptions
        {
            Memory = new MemoryConfigOptions { Enabled = true, Embedder = "openai", EmbeddingModel = "claude-embed", EmbeddingDimensions = 2048 },
        };
        options.Providers.OpenAI.ApiKey = "sk-test";
        options.Routes["claude-embed"] = Route(("anthropic", "claude-haiku-4-5"));
        options.Routes["embed"] = Route(("openai", "text-embedding-3-large"), ("anthropic", "claude-haiku-4-5"), ("openai-responses", "text-embedding-3-small"));

        var anthropicOnly = Failures(options);
        options.Memory.EmbeddingModel = "claude-haiku-4-5";
        var anthropicModel = Failures(options);
        options.Memory.EmbeddingModel = "embed";
        var smallServesToo = Failures(options);
        options.Memory.EmbeddingDimensions = 1024;
        var fits = Failures(options);

        Assert.Contains(anthropicOnly, f => f.StartsWith("Switchyard:Memory:EmbeddingModel names route 'claude-embed', which has no OpenAI target", StringComparison.Ordinal));
        Assert.Contains(anthropicModel, f => f.StartsWith("Switchyard:Memory:EmbeddingModel 'claude-haiku-4-5' is neither a route nor a model OpenAI serves", StringComparison.Ordinal));
        // 3-small is one of the route's targets: its 1,536 bound the length, not 3-large's 3,072.
        Assert.Contains(smallServesToo, f => f.StartsWith("Switchyard:Memory:EmbeddingDimensions must be 1–1536 (was 2048)", StringComparison.Ordinal));
        Assert.DoesNotContain(fits, f => f.Contains("Memory", StringComparison.Ordinal));
    }

    private static List<string> Failures(SwitchyardOptions options) =>
        [.. new SwitchyardOptionsValidator().Validate(null, options).Failures ?? []];

    private static RouteOptions Route(params (string Provider, string Model)[] targets) =>
        new() { Targets = [.. targets.Select(t => new RouteTargetOptions { Provider = t.Provider, Model = t.Model })] };
}
