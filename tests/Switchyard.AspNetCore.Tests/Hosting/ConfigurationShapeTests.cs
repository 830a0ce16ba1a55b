using Microsoft.Extensions.Configuration;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Tests.Hosting;

/// <summary>
/// Misspelled keys and wrong types anywhere in the <c>Switchyard</c> section, lists and dictionaries included, are
/// reported all at once with their full paths; the binder alone said "binding has failed" without a path.
/// </summary>
public sealed class ConfigurationShapeTests
{
    [Fact]
    public void UnknownKeys_InsideListsAndDictionaries_AreReportedWithPathAndTheClosestSetting()
    {
        var problems = Check(new()
        {
            ["Switchyard:Costs:Budgets:0:Name"] = "day",
            ["Switchyard:Costs:Budgets:0:MaxUsd"] = "5",
            ["Switchyard:Keys:0:Tennant"] = "acme",
            ["Switchyard:Routes:fast:Target:0:Model"] = "gpt-4o",
            ["Switchyard:Costs:Budgts:0:Name"] = "x",
        });

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Switchyard:Costs:Budgets:0:MaxUsd is not a setting; Switchyard:Costs:Budgets:0 has Name,", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switchyard:Keys:0:Tennant is not a setting (did you mean 'Tenant'?)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switchyard:Routes:fast:Target is not a setting (did you mean 'Targets'?)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switchyard:Costs:Budgts is not a setting (did you mean 'Budgets'?)", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongTypes_AreReportedWithPathExpectedAndFound()
    {
        var problems = Check(new()
        {
            ["Switchyard:TimeoutTiers:fast:TotalMs"] = "20s",
            ["Switchyard:Costs:Prices:my-model:Input"] = "1e40",
            ["Switchyard:Costs:MaxRequestUsd:Value"] = "1",
            ["Switchyard:Memory:Retention"] = "thirty days",
            ["Switchyard:Keys:first:Tenant"] = "acme",
            ["Switchyard:StormControl"] = "yes",
        });

        Assert.Contains("Switchyard:TimeoutTiers:fast:TotalMs must be a whole number (32-bit) (was '20s').", problems);
        Assert.Contains("Switchyard:Costs:Prices:my-model:Input must be a decimal number (was '1e40').", problems);
        Assert.Contains("Switchyard:Costs:MaxRequestUsd must be a decimal number, not an object or a list.", problems);
        Assert.Contains(problems, p => p.StartsWith("Switchyard:Memory:Retention must be a duration", StringComparison.Ordinal));
        Assert.Contains("Switchyard:Keys must be a list (found the key 'first').", problems);
        Assert.Contains("Switchyard:StormControl must be true or false (was 'yes').", problems);
    }

    [Fact]
    public void ObjectWhereAValueBelongs_AndTheReverse_AreReported_WithoutQuotingAProviderKey()
    {
        var problems = Check(new()
        {
            ["Switchyard:Providers:OpenAI"] = "https://api.openai.com",
            ["Switchyard:Providers:Anthropic:ApiKey:Value"] = "sk-ant-secret",
        });

        Assert.Contains("Switchyard:Providers:OpenAI must be an object (was 'https://api.openai.com').", problems);
        Assert.Contains("Switchyard:Providers:Anthropic:ApiKey must be a text value, not an object or a list.", problems);
        Assert.DoesNotContain(problems, p => p.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonNulls_AndComputedProperties_AreNotProblems_ButSettingComputedOnesIs()
    {
        var problems = Check(new()
        {
            ["Switchyard:Keys:0"] = "",
            ["Switchyard:Costs:MaxRequestUsd"] = "",
            ["Switchyard:Providers:OpenAI:IsConfigured"] = "true",
        });

        Assert.Equal("Switchyard:Providers:OpenAI:IsConfigured is not a setting; Switchyard:Providers:OpenAI has BaseUrl, ApiKey.", Assert.Single(problems));
    }

    private static IReadOnlyList<string> Check(Dictionary<string, string?> settings) =>
        ConfigurationShape.Check(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Switchyard"), typeof(SwitchyardOptions));
}
