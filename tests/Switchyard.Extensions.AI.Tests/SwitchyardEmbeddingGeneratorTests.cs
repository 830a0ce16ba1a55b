using System.Text.Json;
using Microsoft.Extensions.AI;
using Switchyard.Costs;
using Switchyard.Failures;

namespace Switchyard.Extensions.AI.Tests;

/// <summary>The library harness with embedding routes: <c>embed</c> (3-large, then 3-small) and <c>embed-claude</c> (Claude only).</summary>
public sealed class EmbeddingLibraryHarness : LibraryHarness
{
    public const string Small = "text-embedding-3-small";
    public const string Large = "text-embedding-3-large";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Switchyard:Routes:embed:Targets:0:Provider", "openai"),
        new("Switchyard:Routes:embed:Targets:0:Model", Large),
        new("Switchyard:Routes:embed:Targets:1:Provider", "openai"),
        new("Switchyard:Routes:embed:Targets:1:Model", Small),
        new("Switchyard:Routes:embed-claude:Targets:0:Provider", "anthropic"),
        new("Switchyard:Routes:embed-claude:Targets:0:Model", "claude-haiku-4-5"),
    ];

    /// <summary>The embeddings requests the simulator received since the last reset, oldest first.</summary>
    public async Task<List<JsonElement>> EmbeddingCallsAsync() =>
        (await ProviderRequestsAsync()).Where(r => r.Path == "/v1/embeddings").Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();
}

/// <summary>
/// The engine in-process behind <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, against the real simulator: the
/// embeddings door's path (routes, fallback, budgets, spend) without the HTTP hop.
/// </summary>
public sealed class SwitchyardEmbeddingGeneratorTests(EmbeddingLibraryHarness harness) : IClassFixture<EmbeddingLibraryHarness>
{
    private const string Small = EmbeddingLibraryHarness.Small;
    private const string Large = EmbeddingLibraryHarness.Large;

    private static readonly string[] Texts = ["My locker code is 4711.", "What is the code of my locker?", "The harbour of the old town is full of boats."];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_OneVectorPerInputOfTheAskedLength_WithUsageWhoServedItAndASpendRow()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var generator = harness.Engine.CreateEmbeddingGenerator(new SwitchyardEmbeddingGeneratorOptions { Tenant = "vectors", KeyName = "indexer", DefaultModelId = Small });

        var embeddings = await generator.GenerateAsync(Texts, new EmbeddingGenerationOptions { Dimensions = 256 }, Cancel);

        var sent = Assert.Single(await harness.EmbeddingCallsAsync());
        Assert.Equal(Small, sent.GetProperty("model").GetString());
        Assert.Equal(256, sent.GetProperty("dimensions").GetInt32());
        Assert.Equal(Texts, sent.GetProperty("input").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(256, e.Vector.Length));
        Assert.All(embeddings, e => Assert.InRange(Math.Sqrt(e.Vector.ToArray().Sum(v => (double)v * v)), 0.999, 1.001));
        Assert.All(embeddings, e => Assert.Equal(Small, e.ModelId));
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[2].Vector.ToArray());
        // In input order: each vector is the one the text gets alone.
        var single = await generator.GenerateAsync([Texts[1]], new EmbeddingGenerationOptions { Dimensions = 256 }, Cancel);
        Assert.Equal(single[0].Vector.ToArray(), embeddings[1].Vector.ToArray());

        var tokens = embeddings.Usage!.InputTokenCount!.Value;
        Assert.True(tokens > 10, $"{tokens} input tokens");
        Assert.Equal(tokens, embeddings.Usage.TotalTokenCount);
        var properties = embeddings.AdditionalProperties!;
        Assert.Equal("openai", properties[SwitchyardProperties.Provider]);
        Assert.Equal(Small, properties[SwitchyardProperties.Model]);
        Assert.Equal(Small, properties[SwitchyardProperties.Route]);
        Assert.Equal(1, properties[SwitchyardProperties.Attempts]);
        // $0.02 per million input tokens.
        Assert.Equal(tokens * 0.02m / 1_000_000m, (decimal)properties[SwitchyardProperties.CostUsd]!);

        var rows = await harness.Engine.Ledger.QuerySpendAsync(new SpendQuery { Tenant = "vectors", GroupBy = SpendGrouping.Key | SpendGrouping.Route | SpendGrouping.Model }, Cancel);
        var row = Assert.Single(rows);
        Assert.Equal(("indexer", Small, Small), (row.KeyName, row.Route, row.Model));
        Assert.Equal(2, row.Requests);
        Assert.Equal(0, row.OutputTokens);
    }

    [Theory]
    [InlineData("""{"kind":"status","status":503}""")]
    [InlineData("""{"kind":"reset"}""")]
    public async Task Route_FirstTargetFails_TheNextOpenAITargetServes(string fault)
    {
        await harness.SetScenarioAsync($$"""{"rules":[{"api":"embeddings","model":"{{Large}}","fault":{{fault}}}]}""");
        var generator = harness.Engine.CreateEmbeddingGenerator(new SwitchyardEmbeddingGeneratorOptions { DefaultModelId = "embed" });

        var embeddings = await generator.GenerateAsync(["Fall back, please."], cancellationToken: Cancel);

        Assert.Equal(1536, embeddings[0].Vector.Length);
        Assert.Equal(Small, embeddings.AdditionalProperties![SwitchyardProperties.Model]);
        Assert.Equal("embed", embeddings.AdditionalProperties[SwitchyardProperties.Route]);
        Assert.Equal(2, embeddings.AdditionalProperties[SwitchyardProperties.Attempts]);
        Assert.Equal([Large, Small], (await harness.EmbeddingCallsAsync()).Select(c => c.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task EveryTargetFails_ThrowsTheClassifiedFailureWithEachAttempt()
    {
        await harness.SetScenarioAsync("""{"rules":[{"api":"embeddings","fault":{"kind":"status","status":503}}]}""");
        var generator = harness.Engine.CreateEmbeddingGenerator(new SwitchyardEmbeddingGeneratorOptions { DefaultModelId = "embed" });

        var error = await Assert.ThrowsAsync<SwitchyardException>(() => generator.GenerateAsync(["Nobody answers."], cancellationToken: Cancel));

        Assert.Equal(503, error.StatusCode);
        Assert.True(error.ShouldRetry);
        Assert.Equal([Large, Small], error.Failure.Attempts!.Select(a => a.Model));
    }

    [Fact]
    public async Task HardBudget_ThrowsBudgetExceeded_BeforeAnyProviderIsCalled()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var generator = harness.Engine.CreateEmbeddingGenerator(new SwitchyardEmbeddingGeneratorOptions { Tenant = "capped", DefaultModelId = "embed" });

        var error = await Assert.ThrowsAsync<SwitchyardException>(() => generator.GenerateAsync(["Too dear to embed, with all of these many words in it."], cancellationToken: Cancel));

        Assert.Equal(FailureKind.BudgetExceeded, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.False(error.ShouldRetry);
        Assert.Contains("capped-tenant", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ProviderRequestsAsync());
    }

    [Theory]
    [InlineData("embed-claude")]
    [InlineData("claude-haiku-4-5")]
    public async Task AnthropicOnlyModel_ThrowsInvalidRequestSayingWhy_WithoutAProviderCall(string model)
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var generator = harness.Engine.CreateEmbeddingGenerator();

        var error = await Assert.ThrowsAsync<SwitchyardException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = model }, Cancel));

        Assert.Equal(FailureKind.InvalidRequest, error.Kind);
        Assert.Contains("anthropic has no embeddings API", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ProviderRequestsAsync());
    }

    [Fact]
    public async Task Inputs_TheApiRefuses_AreRefusedBeforeAnyCall_AndNoInputsMakeNoCall()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var generator = harness.Engine.CreateEmbeddingGenerator();

        var none = await generator.GenerateAsync([], cancellationToken: Cancel);
        var empty = await Assert.ThrowsAsync<SwitchyardException>(() => generator.GenerateAsync(["fine", ""], new EmbeddingGenerationOptions { ModelId = Small }, Cancel));
        var noModel = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["fine"], cancellationToken: Cancel));

        Assert.Empty(none);
        Assert.Equal(FailureKind.InvalidRequest, empty.Kind);
        Assert.Contains("input[1]", empty.Message, StringComparison.Ordinal);
        Assert.Contains("ModelId", noModel.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ProviderRequestsAsync());
    }

    [Fact]
    public async Task Cancelled_WhileTheProviderHangs_ThrowsCancellationPromptly()
    {
        await harness.SetScenarioAsync("""{"rules":[{"api":"embeddings","fault":{"kind":"stall","seconds":20}}]}""");
        var generator = harness.Engine.CreateEmbeddingGenerator(new SwitchyardEmbeddingGeneratorOptions { DefaultModelId = Small });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["Are you there?"], cancellationToken: cancel.Token));

        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Single(await harness.EmbeddingCallsAsync());
    }
}
