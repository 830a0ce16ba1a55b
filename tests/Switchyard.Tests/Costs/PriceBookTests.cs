using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.Tests.Costs;

public sealed class PriceBookTests
{
    [Theory]
    [InlineData("gpt-4o", 2.50)]
    [InlineData("gpt-4o-2024-08-06", 2.50)]
    [InlineData("gpt-4o-mini", 0.15)]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15)]
    [InlineData("gpt-4.1-nano-2025-04-14", 0.10)]
    [InlineData("o4-mini-2025-04-16", 1.10)]
    [InlineData("claude-sonnet-4-5-20250929", 3)]
    [InlineData("claude-opus-4-1-20250805", 15)]
    [InlineData("claude-opus-4-20250514", 15)]
    [InlineData("claude-opus-4-5-20251101", 5)]
    [InlineData("claude-haiku-4-5-20251001", 1)]
    [InlineData("claude-3-5-haiku-20241022", 0.80)]
    [InlineData("claude-3-haiku-20240307", 0.25)]
    public void Find_KnownOrDatedName_ReturnsMostSpecificPrice(string model, double input)
    {
        var price = PriceBook.Default.Find(model);

        Assert.NotNull(price);
        Assert.Equal((decimal)input, price.InputPerMillion);
    }

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData("gpt-4o-mini-2024-07-18")]
    public void Find_MiniVersusPrefix_DoesNotFallBackToGpt4o(string model)
    {
        Assert.Same(PriceBook.Default.Find("gpt-4o-mini"), PriceBook.Default.Find(model));
        Assert.NotSame(PriceBook.Default.Find("gpt-4o"), PriceBook.Default.Find(model));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpt-4")]
    [InlineData("gpt-4omni")]
    [InlineData("GPT-4o")]
    [InlineData("llama-3")]
    [InlineData("o3mini")]
    public void Find_UnknownName_ReturnsNull(string model)
    {
        Assert.Null(PriceBook.Default.Find(model));
    }

    [Theory]
    [InlineData("ft:gpt-4o-mini:acme::abc123", "gpt-4o-mini")]
    [InlineData("ft:gpt-4o-mini-2024-07-18:acme:support-bot:9xYz", "gpt-4o-mini")]
    [InlineData("ft:gpt-4.1-2025-04-14:acme::abc", "gpt-4.1")]
    [InlineData("ft:gpt-4o", "gpt-4o")]
    public void Find_FineTuneWithoutAPriceOfItsOwn_FallsBackToItsBaseModel(string model, string baseModel)
    {
        Assert.Same(PriceBook.Default.Find(baseModel), PriceBook.Default.Find(model));
    }

    [Theory]
    [InlineData("ft:")]
    [InlineData("ft::acme::abc")]
    [InlineData("ft:davinci-002:acme::abc")]
    [InlineData("ft:llama-3:acme::abc")]
    public void Find_FineTuneOfAnUnknownBase_ReturnsNull(string model)
    {
        Assert.Null(PriceBook.Default.Find(model));
    }

    [Fact]
    public void Find_FineTunePricedByName_UsesItsOwnPrice()
    {
        var own = new ModelPrice(0.30m, 0.15m, 0.30m, 1.20m);
        var book = new PriceBook(new Dictionary<string, ModelPrice> { ["ft:gpt-4o-mini:acme::abc123"] = own });

        Assert.Same(own, book.Find("ft:gpt-4o-mini:acme::abc123"));
        Assert.Same(book.Find("gpt-4o-mini"), book.Find("ft:gpt-4o-mini:acme::other"));
    }

    [Fact]
    public void Find_AnthropicPrices_UseFiveMinuteWriteAndCacheRead()
    {
        var sonnet = PriceBook.Default.Find("claude-sonnet-4-6");

        Assert.Equal(new ModelPrice(3m, 0.30m, 3.75m, 15m), sonnet);
    }

    [Fact]
    public void Find_OpenAIPrices_CacheWriteEqualsInput()
    {
        var gpt41 = PriceBook.Default.Find("gpt-4.1")!;

        Assert.Equal(gpt41.InputPerMillion, gpt41.CacheWritePerMillion);
        Assert.Equal(0.50m, gpt41.CachedInputPerMillion);
    }

    [Fact]
    public void Constructor_Overrides_ReplaceAndAddWithoutChangingDefault()
    {
        var custom = new ModelPrice(1m, 0.1m, 1m, 2m);
        var cheap = new ModelPrice(0.01m, 0.01m, 0.01m, 0.01m);
        var book = new PriceBook(new Dictionary<string, ModelPrice> { ["my-model"] = custom, ["gpt-4o"] = cheap });

        Assert.Same(custom, book.Find("my-model-2026-01-01"));
        Assert.Same(cheap, book.Find("gpt-4o-2024-08-06"));
        Assert.Equal(0.15m, book.Find("gpt-4o-mini")!.InputPerMillion);
        Assert.Equal(2.50m, PriceBook.Default.Find("gpt-4o")!.InputPerMillion);
    }

    [Fact]
    public void Cost_UncachedOnly_IsInputPlusOutput()
    {
        var price = PriceBook.Default.Find("gpt-4o")!;

        var cost = PriceBook.Cost(price, new TokenUsage(InputTokens: 1_000_000, OutputTokens: 100_000));

        Assert.Equal(2.50m + 1.00m, cost);
    }

    [Fact]
    public void Cost_CachedAndCacheWrite_ArePricedSeparatelyFromUncached()
    {
        var price = PriceBook.Default.Find("claude-sonnet-4-5")!;
        var usage = new TokenUsage(InputTokens: 1000, OutputTokens: 200, CachedInputTokens: 500, CacheWriteTokens: 300);

        var cost = PriceBook.Cost(price, usage);

        // 200 uncached × 3 + 500 × 0.30 + 300 × 3.75 + 200 × 15, per million.
        Assert.Equal((600m + 150m + 1125m + 3000m) / 1_000_000m, cost);
    }

    [Fact]
    public void Cost_HourLongCacheWrites_AtTwiceTheInputPrice()
    {
        var price = PriceBook.Default.Find("claude-sonnet-4-5")!;
        var usage = new TokenUsage(InputTokens: 1000, OutputTokens: 0, CacheWriteTokens: 300, HourCacheWriteTokens: 100);

        // 700 uncached × 3 + 200 five-minute writes × 3.75 + 100 one-hour writes × 6, per million.
        Assert.Equal((2100m + 750m + 600m) / 1_000_000m, PriceBook.Cost(price, usage));
        Assert.Equal(
            (2100m + 750m + 100m * 9m) / 1_000_000m,
            PriceBook.Cost(price with { HourCacheWritePerMillion = 9m }, usage));
        // A count of hour writes above the writes (an untrusted body) is held to them.
        Assert.Equal(
            (2100m + 300m * 6m) / 1_000_000m,
            PriceBook.Cost(price, usage with { HourCacheWriteTokens = 5000 }));
    }

    [Fact]
    public void MaxCost_RequestAskingForCaching_InputAtTheDearestWritePrice()
    {
        var price = PriceBook.Default.Find("claude-haiku-4-5")!;

        Assert.Equal((1000 * 1m + 10 * 5m) / 1_000_000m, PriceBook.MaxCost(price, 1000, 10));
        Assert.Equal((1000 * 1.25m + 10 * 5m) / 1_000_000m, PriceBook.MaxCost(price, 1000, 10, cacheWrite: CacheWriteKind.FiveMinutes));
        Assert.Equal((1000 * 2m + 10 * 5m) / 1_000_000m, PriceBook.MaxCost(price, 1000, 10, cacheWrite: CacheWriteKind.Hour));
        var openAI = PriceBook.Default.Find("gpt-4o")!;
        Assert.Equal(PriceBook.MaxCost(openAI, 1000, 10), PriceBook.MaxCost(openAI, 1000, 10, cacheWrite: CacheWriteKind.FiveMinutes));
    }

    [Fact]
    public void CacheWrites_TheLongestBreakpointOnTheRequestToolsOrParts()
    {
        var plain = new ChatRequest { Model = "m", Messages = [ChatMessage.FromText(ChatRole.User, "x")] };
        var hourPart = new TextPart("x") { Cache = new CacheBreakpoint("1h") };

        Assert.Equal(CacheWriteKind.None, CacheWrites.Of(plain));
        Assert.Equal(CacheWriteKind.FiveMinutes, CacheWrites.Of(plain with { Cache = new CacheBreakpoint() }));
        Assert.Equal(CacheWriteKind.FiveMinutes, CacheWrites.Of(plain with { Tools = [new ToolDefinition("t", null, null) { Cache = new CacheBreakpoint("5m") }] }));
        Assert.Equal(CacheWriteKind.Hour, CacheWrites.Of(plain with { Cache = new CacheBreakpoint(), Messages = [new ChatMessage(ChatRole.User, [hourPart])] }));
    }

    [Fact]
    public void Cost_Batch_AppliesDiscount()
    {
        var price = PriceBook.Default.Find("gpt-4.1-nano")!;
        var usage = new TokenUsage(InputTokens: 3, OutputTokens: 1, CachedInputTokens: 1);

        Assert.Equal(PriceBook.Cost(price, usage) / 2, PriceBook.Cost(price, usage, batch: true));
        Assert.Equal((2 * 0.10m + 0.025m + 0.40m) / 2_000_000m, PriceBook.Cost(price, usage, batch: true));
    }

    [Fact]
    public void Cost_CustomBatchDiscount_IsUsed()
    {
        var price = new ModelPrice(10m, 1m, 10m, 20m) { BatchDiscount = 0.25m };

        Assert.Equal(7.5m, PriceBook.Cost(price, new TokenUsage(1_000_000, 1_000_000), batch: true));
    }

    [Fact]
    public void MaxCost_AllInputUncached_UsesInputAndFullOutput()
    {
        var price = PriceBook.Default.Find("claude-opus-4-1")!;

        Assert.Equal((10_000 * 15m + 4_096 * 75m) / 1_000_000m, PriceBook.MaxCost(price, 10_000, 4_096));
        Assert.Equal((10_000 * 15m + 4_096 * 75m) / 2_000_000m, PriceBook.MaxCost(price, 10_000, 4_096, batch: true));
    }

    [Fact]
    public void MaxCost_NegativeTokens_Throws()
    {
        var price = PriceBook.Default.Find("gpt-4o")!;

        Assert.Throws<ArgumentOutOfRangeException>(() => PriceBook.MaxCost(price, -1, 10));
    }
}
