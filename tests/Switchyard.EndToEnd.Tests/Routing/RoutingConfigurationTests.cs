using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.EndToEnd.Tests.Hosting;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// Routing configuration: an invalid one stops the gateway at start with every error and its path; a live edit of the
/// configuration file adds a route, and an invalid edit is rejected while the last good routes keep serving.
/// </summary>
public sealed class RoutingConfigurationTests : ConfigFileGatewayTest
{
    [Fact]
    public async Task StartAsync_InvalidRoutingConfiguration_ReportsEveryErrorWithItsPath()
    {
        var settings = Settings();
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Switchyard:TimeoutTiers:quick:TotalMs"] = "0",
            ["Switchyard:TimeoutTiers:quick:AnswerMs"] = "-1",
            ["Switchyard:Routes:bad:Strategy"] = "fastest",
            ["Switchyard:Routes:bad:Targets:0:Provider"] = "mistral",
            ["Switchyard:Routes:bad:Targets:0:Model"] = "mistral-large",
            ["Switchyard:Routes:bad:Targets:1:Provider"] = "openai",
            ["Switchyard:Routes:bad:Targets:1:ContextWindow"] = "-5",
            ["Switchyard:Routes:bad:Tier"] = "warp",
            ["Switchyard:Routes:bad:MaxAttempts"] = "0",
            ["Switchyard:Routes:bad:HedgeAfterMs"] = "-1",
            ["Switchyard:Routes:bad:Fallback:Sleepy"] = "retry",
            ["Switchyard:Routes:bad:Fallback:RateLimited"] = "pray",
            ["Switchyard:Routes:empty:Strategy"] = "priority",
            ["Switchyard:Costs:Budgets:0:Name"] = "soft",
            ["Switchyard:Costs:Budgets:0:LimitUsd"] = "1",
            ["Switchyard:Costs:Budgets:0:Hard"] = "false",
            ["Switchyard:Costs:Budgets:0:DowngradeRoute"] = "nowhere",
        })
        {
            settings[key] = value;
        }

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        var failures = string.Join("\n", ex.Failures);
        foreach (var path in new[]
        {
            "Switchyard:TimeoutTiers:quick:TotalMs", "Switchyard:TimeoutTiers:quick:AnswerMs", "Switchyard:Routes:bad:Strategy", "Switchyard:Routes:bad:Targets:0:Provider",
            "Switchyard:Routes:bad:Targets:1:Model", "Switchyard:Routes:bad:Targets:1:ContextWindow", "Switchyard:Routes:bad:Tier",
            "Switchyard:Routes:bad:MaxAttempts", "Switchyard:Routes:bad:HedgeAfterMs", "Switchyard:Routes:bad:Fallback:Sleepy",
            "Switchyard:Routes:bad:Fallback:RateLimited", "Switchyard:Routes:empty:Targets", "Switchyard:Costs:Budgets:0:DowngradeRoute",
        })
        {
            Assert.Contains(path, failures, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConfigFileEdit_NewRouteThenInvalidEdit_ServesTheNewRouteAndKeepsItAfterTheRejectedEdit()
    {
        await File.WriteAllTextAsync(ConfigFile, Config(("first", "gpt-4o-mini")), TestContext.Current.CancellationToken);
        await using var gateway = await StartAsync(Settings(), ConfigFile);
        using var http = new HttpClient();
        var reloader = gateway.Services.GetRequiredService<ConfigurationReloader>();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, gateway, "first"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(http, gateway, "second"));

        await File.WriteAllTextAsync(ConfigFile, Config(("first", "gpt-4o-mini"), ("second", "claude-haiku-4-5")), TestContext.Current.CancellationToken);
        Assert.True(await EventuallyAsync(async () => await PostAsync(http, gateway, "second") == HttpStatusCode.OK), "the new route never served");

        var applied = reloader.Applied;
        await File.WriteAllTextAsync(
            ConfigFile,
            """{"Switchyard":{"Routes":{"second":{"Strategy":"fastest","Targets":[{"Provider":"openai","Model":"gpt-4o-mini"}]}}}}""",
            TestContext.Current.CancellationToken);
        Assert.True(await EventuallyAsync(() => Task.FromResult(reloader.LastErrors.Count > 0)), "the invalid edit was never seen");

        Assert.Contains(reloader.LastErrors, e => e.Contains("Switchyard:Routes:second:Strategy", StringComparison.Ordinal));
        Assert.Equal(applied, reloader.Applied);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, gateway, "first"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, gateway, "second"));
    }

    private static string Config(params (string Route, string Model)[] routes) =>
        "{\"Switchyard\":{\"Routes\":{" + string.Join(",", routes.Select(r =>
            $$"""
            "{{r.Route}}":{"Targets":[{"Provider":"{{(r.Model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai")}}","Model":"{{r.Model}}"}]}
            """)) + "}}}";

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, GatewayServer gateway, string model)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseAddress, "/v1/chat/completions"))
        {
            Content = new StringContent(RoutingHarness.ChatBody(model), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = ProviderSettings();
        settings["Switchyard:Keys:0:Tenant"] = "acme";
        settings["Switchyard:Keys:0:Hash"] = KeyHash.Compute(GatewayHarness.Key);
        return settings;
    }
}
