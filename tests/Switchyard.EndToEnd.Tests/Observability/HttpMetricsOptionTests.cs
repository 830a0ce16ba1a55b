using System.Net;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// The generic ASP.NET Core and HttpClient series are opt-in (<c>Switchyard:Observability:HttpMetrics</c>): off, a
/// scrape after traffic has the GenAI series and none of them; on, it has both.
/// </summary>
public sealed class HttpMetricsOptionTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.db");
    private SimulatorServer _simulator = null!;

    public async ValueTask InitializeAsync() =>
        _simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = GatewayHarness.Seed });

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Scrape_AfterARequest_HasTheHttpSeriesOnlyWhenAskedFor(string? setting, bool expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?>
        {
            ["Switchyard:Storage:Path"] = _database,
            ["Switchyard:Providers:OpenAI:BaseUrl"] = _simulator.BaseAddress.ToString(),
            ["Switchyard:Providers:OpenAI:ApiKey"] = "sk-sim-openai",
            ["Switchyard:Keys:0:Tenant"] = "acme",
            ["Switchyard:Keys:0:Hash"] = KeyHash.Compute(GatewayHarness.Key),
        };
        if (setting is not null)
        {
            settings["Switchyard:Observability:HttpMetrics"] = setting;
        }

        await using var gateway = await GatewayServer.StartAsync(new GatewayServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Environment = new Dictionary<string, string?>(),
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical,
            Settings = settings,
        }, ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseAddress, "/v1/chat/completions"))
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
        using (var response = await http.SendAsync(request, ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var scrape = await http.GetStringAsync(new Uri(gateway.BaseAddress, "/metrics"), ct);

        Assert.Contains("gen_ai_client_operation_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes", scrape, StringComparison.Ordinal);
        Assert.Equal(expected, scrape.Contains("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Equal(expected, scrape.Contains("http_client_request_duration_seconds", StringComparison.Ordinal));
    }
}
