using System.Net;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>The <c>/_sim/*</c> control plane.</summary>
public sealed class ControlEndpointTests
{
    [Fact]
    public async Task Stats_AfterRequests_CountsByProviderModelPathStatus()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"provider":"anthropic","count":1,"fault":{"kind":"status","status":429}}]}""");
        var ct = TestContext.Current.CancellationToken;
        (await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct)).Dispose();
        (await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), ct)).Dispose();
        (await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), ct)).Dispose();
        (await host.Http.GetAsync("/_sim/scenario", ct)).Dispose();

        using var stats = JsonDocument.Parse(await host.Http.GetStringAsync("/_sim/stats", ct));

        var root = stats.RootElement;
        Assert.Equal(3, root.GetProperty("total").GetInt64());
        Assert.Equal(1, root.GetProperty("byProvider").GetProperty("openai").GetInt64());
        Assert.Equal(2, root.GetProperty("byProvider").GetProperty("anthropic").GetInt64());
        Assert.Equal(2, root.GetProperty("byModel").GetProperty("claude-sonnet-4-5").GetInt64());
        Assert.Equal(2, root.GetProperty("byPath").GetProperty("/v1/messages").GetInt64());
        Assert.Equal(2, root.GetProperty("byStatus").GetProperty("200").GetInt64());
        Assert.Equal(1, root.GetProperty("byStatus").GetProperty("429").GetInt64());
        Assert.Equal(0, root.GetProperty("cancelled").GetInt64());
    }

    [Fact]
    public async Task Reset_AfterHits_ClearsStatsAndRuleCountersKeepsScenario()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"count":1,"fault":{"kind":"status","status":500}}]}""");
        var ct = TestContext.Current.CancellationToken;
        using (var first = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        }

        (await host.Http.PostAsync("/_sim/reset", null, ct)).Dispose();
        using var stats = JsonDocument.Parse(await host.Http.GetStringAsync("/_sim/stats", ct));
        using var again = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);

        Assert.Equal(0, stats.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
    }

    [Fact]
    public async Task PutScenario_Valid_InstallsAndGetReturnsIt()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var put = await host.Http.PutAsync("/_sim/scenario", SimulatorHost.Json("""{"seed":9,"rules":[{"fault":{"kind":"status","status":503}}]}"""), ct);
        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);
        var current = Scenario.Parse(await host.Http.GetStringAsync("/_sim/scenario", ct));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(9, current.Seed);
        Assert.Equal(FaultKind.Status, current.Rules[0].Fault.Kind);
    }

    [Fact]
    public async Task PutScenario_Invalid_400NamesPathAndKeepsPrevious()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"seed":3}""");
        var ct = TestContext.Current.CancellationToken;

        using var put = await host.Http.PutAsync("/_sim/scenario", SimulatorHost.Json("""{"rules":[{"fault":{"kind":"melt"}}]}"""), ct);
        using var error = JsonDocument.Parse(await put.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("$.rules[0].fault.kind", error.RootElement.GetProperty("path").GetString());
        Assert.Equal(3, Scenario.Parse(await host.Http.GetStringAsync("/_sim/scenario", ct)).Seed);
    }

    [Fact]
    public async Task Stats_ClientDisconnectsMidStream_CountsCancelled()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"latency":{"tokensPerSecond":50}}""");
        var ct = TestContext.Current.CancellationToken;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","stream":true""")), HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var stream = await response.Content.ReadAsStreamAsync(cts.Token);
            _ = await stream.ReadAsync(new byte[64], cts.Token);
            await cts.CancelAsync();
        }

        long cancelled = 0;
        for (var i = 0; i < 50 && cancelled == 0; i++)
        {
            await Task.Delay(50, ct);
            using var stats = JsonDocument.Parse(await host.Http.GetStringAsync("/_sim/stats", ct));
            cancelled = stats.RootElement.GetProperty("cancelled").GetInt64();
        }

        Assert.Equal(1, cancelled);
    }
}
