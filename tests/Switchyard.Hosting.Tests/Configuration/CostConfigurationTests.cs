using Microsoft.Extensions.Configuration;
using Switchyard.Costs;
using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Tests.Configuration;

/// <summary>
/// Prices for model names a configuration key cannot hold (<c>:</c> splits keys): <c>Costs:PriceList</c> entries name their
/// model, bind strictly, join the <c>Costs:Prices</c> overrides, and are validated with their paths.
/// </summary>
public sealed class CostConfigurationTests
{
    private const string FineTune = "ft:gpt-4o-mini:acme:support:abc123";

    [Fact]
    public void PriceList_FineTuneName_PricesIt_BesideKeyedOverrides()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchyard:Costs:Prices:gpt-4o-mini:Input"] = "1",
            ["Switchyard:Costs:Prices:gpt-4o-mini:Output"] = "2",
            ["Switchyard:Costs:PriceList:0:Model"] = FineTune,
            ["Switchyard:Costs:PriceList:0:Input"] = "0.30",
            ["Switchyard:Costs:PriceList:0:CachedInput"] = "0.15",
            ["Switchyard:Costs:PriceList:0:Output"] = "1.20",
        }).Build();
        var options = new SwitchyardOptions();
        configuration.GetSection("Switchyard").Bind(options, b => b.ErrorOnUnknownConfiguration = true);

        var prices = CostConfiguration.Prices(options.Costs);

        Assert.Empty(new SwitchyardOptionsValidator().Validate(null, options).Failures ?? []);
        Assert.Equal(new ModelPrice(0.30m, 0.15m, 0.30m, 1.20m), prices.Find(FineTune));
        Assert.Equal(new ModelPrice(1m, 1m, 1m, 2m), prices.Find("gpt-4o-mini"));
        // Another fine-tune of the same base without an entry of its own: the base's (overridden) price.
        Assert.Equal(new ModelPrice(1m, 1m, 1m, 2m), prices.Find("ft:gpt-4o-mini:acme::other"));
    }

    [Fact]
    public void PriceList_NoModel_DuplicateOrNegative_AndAnUnknownUnpricedPolicy_ReportedWithPaths()
    {
        var options = new SwitchyardOptions { Costs = { UnpricedModels = "refuse" } };
        options.Costs.Prices["gpt-4o"] = new PriceOptions { Input = 1, Output = 1 };
        options.Costs.PriceList.AddRange(
        [
            new PriceOptions { Input = 1, Output = 1 },
            new PriceOptions { Model = FineTune, Input = 1, Output = 1 },
            new PriceOptions { Model = FineTune, Input = 1, Output = 1 },
            new PriceOptions { Model = "gpt-4o", Input = 1, Output = 1 },
            new PriceOptions { Model = "ft:gpt-4o:acme::x", Input = -1, Output = 1 },
        ]);

        var failures = new SwitchyardOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Switchyard:Costs:PriceList:0:Model is required: the model name the entry prices.", failures);
        Assert.Contains($"Switchyard:Costs:PriceList:2:Model '{FineTune}' is priced twice (in PriceList or Prices).", failures);
        Assert.Contains("Switchyard:Costs:PriceList:3:Model 'gpt-4o' is priced twice (in PriceList or Prices).", failures);
        Assert.Contains("Switchyard:Costs:PriceList:4 values must not be negative, and BatchDiscount must be between 0 and 1.", failures);
        Assert.DoesNotContain(failures, f => f.Contains("PriceList:1", StringComparison.Ordinal));
        Assert.Contains("Switchyard:Costs:UnpricedModels must be 'free' or 'reject' (was 'refuse').", failures);
    }

    [Fact]
    public void Prices_CacheWriteHour_PricesOneHourWrites_DefaultTwiceTheInput_NegativeRefused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchyard:Costs:Prices:claude-haiku-4-5:Input"] = "1",
            ["Switchyard:Costs:Prices:claude-haiku-4-5:CacheWrite"] = "1.25",
            ["Switchyard:Costs:Prices:claude-haiku-4-5:CacheWriteHour"] = "1.8",
            ["Switchyard:Costs:Prices:claude-haiku-4-5:Output"] = "5",
            ["Switchyard:Costs:Prices:claude-sonnet-4-5:Input"] = "3",
            ["Switchyard:Costs:Prices:claude-sonnet-4-5:Output"] = "15",
        }).Build();
        var options = new SwitchyardOptions();
        configuration.GetSection("Switchyard").Bind(options, b => b.ErrorOnUnknownConfiguration = true);

        var prices = CostConfiguration.Prices(options.Costs);

        Assert.Equal(1.8m, prices.Find("claude-haiku-4-5")!.HourCacheWriteRate);
        Assert.Equal(6m, prices.Find("claude-sonnet-4-5")!.HourCacheWriteRate);
        options.Costs.Prices["claude-sonnet-4-5"].CacheWriteHour = -1;
        Assert.Contains(
            "Switchyard:Costs:Prices:claude-sonnet-4-5 values must not be negative, and BatchDiscount must be between 0 and 1.",
            new SwitchyardOptionsValidator().Validate(null, options).Failures!);
    }
}
