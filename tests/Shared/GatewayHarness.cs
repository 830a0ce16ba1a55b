using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anthropic;
using OpenAI;
using OpenAI.Chat;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Simulator;

namespace Switchyard.Testing;

/// <summary>
/// A real simulator and a real gateway on loopback (port 0), wired together, plus clients for both: the official SDKs,
/// a raw <see cref="HttpClient"/>, and the simulator's control endpoints. One per test class (scenarios are per simulator).
/// </summary>
public class GatewayHarness : IAsyncLifetime
{
    /// <summary>The virtual key of tenant <c>acme</c>.</summary>
    public const string Key = "sy-test-acme-0123456789";

    /// <summary>An admin key of tenant <c>acme</c>: it reads <c>/metrics</c> once a harness adds another tenant's keys.</summary>
    public const string AdminKey = "sy-test-acme-admin-0123456789";

    /// <summary>The seed the simulator runs with.</summary>
    public const int Seed = 42;

    public SimulatorServer Simulator { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    private bool _gatewayStopped;

    public Uri GatewayUrl => Gateway.BaseAddress;

    /// <summary>The gateway's SQLite file (a fresh temporary file per harness).</summary>
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.db");

    /// <summary>Extra configuration for a derived harness (routes, budgets, tiers); keys like <c>Switchyard:Routes:x:…</c>.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>The gateway's minimum log level (Warning keeps test output quiet).</summary>
    protected virtual Microsoft.Extensions.Logging.LogLevel MinimumLogLevel => Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>Extra logger providers for a derived harness (they log at <see cref="MinimumLogLevel"/>; the console stays at Warning).</summary>
    protected virtual IReadOnlyList<Microsoft.Extensions.Logging.ILoggerProvider> LoggerProviders => [];

    /// <summary>The simulator's start-up settings; a derived harness may restrict its keys (<see cref="SimulatorOptions.AcceptedKeys"/>).</summary>
    protected virtual SimulatorOptions SimulatorSettings => new() { Seed = Seed };

    public async ValueTask InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", SimulatorSettings);
        var simulatorUrl = Simulator.BaseAddress.ToString();
        var settings = new Dictionary<string, string?>
            {
                ["Switchyard:Storage:Path"] = DatabasePath,
                // Scenario-driven failure tests share one simulator per class: breakers opening between tests would
                // change what later tests see. Storm-control tests turn it on explicitly.
                ["Switchyard:StormControl"] = "false",
                ["Switchyard:Providers:OpenAI:BaseUrl"] = simulatorUrl,
                ["Switchyard:Providers:OpenAI:ApiKey"] = "sk-sim-openai",
                ["Switchyard:Providers:Anthropic:BaseUrl"] = simulatorUrl,
                ["Switchyard:Providers:Anthropic:ApiKey"] = "sk-sim-anthropic",
                ["Switchyard:Keys:0:Tenant"] = "acme",
                ["Switchyard:Keys:0:Hash"] = KeyHash.Compute(Key),
                ["Switchyard:Keys:99:Tenant"] = "acme",
                ["Switchyard:Keys:99:Name"] = "acme-admin",
                ["Switchyard:Keys:99:Hash"] = KeyHash.Compute(AdminKey),
                ["Switchyard:Keys:99:Admin"] = "true",
            };
        foreach (var (key, value) in ExtraSettings())
        {
            settings[key] = value;
        }

        Gateway = await GatewayServer.StartAsync(new GatewayServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Environment = new Dictionary<string, string?>(),
            MinimumLogLevel = MinimumLogLevel,
            ConsoleLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            LoggerProviders = LoggerProviders,
            Settings = settings,
        });
    }

    /// <summary>Shuts the gateway down gracefully (as a host stop would), leaving the simulator and the files; for shutdown tests.</summary>
    public async Task StopGatewayAsync()
    {
        if (!_gatewayStopped)
        {
            _gatewayStopped = true;
            await Gateway.DisposeAsync();
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopGatewayAsync();
        await Simulator.DisposeAsync();
        GC.SuppressFinalize(this);
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>An official OpenAI SDK chat client pointed at the gateway, with SDK retries off.</summary>
    public ChatClient OpenAIChat(string model, string key = Key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(GatewayUrl, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    /// <summary>An official Anthropic SDK client pointed at the gateway, with SDK retries off.</summary>
    public AnthropicClient Anthropic(string key = Key) =>
        new() { ApiKey = key, BaseUrl = GatewayUrl.ToString().TrimEnd('/'), MaxRetries = 0 };

    /// <summary>POSTs a raw JSON body to the gateway with the test key.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json, string? key = Key, bool anthropicHeaders = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(GatewayUrl, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(anthropicHeaders ? "x-api-key" : "Authorization", anthropicHeaders ? key : "Bearer " + key);
        }

        if (anthropicHeaders)
        {
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        }

        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The gateway's <c>/metrics</c> text, read with <see cref="AdminKey"/>.</summary>
    public async Task<string> ScrapeMetricsAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(GatewayUrl, "/metrics"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + AdminKey);
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Replaces the simulator's scenario (rule times restart now).</summary>
    public async Task SetScenarioAsync(string scenarioJson)
    {
        using var response = await Http.PutAsync(
            new Uri(Simulator.BaseAddress, "/_sim/scenario"),
            new StringContent(scenarioJson, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Clears the scenario and the simulator's counters.</summary>
    public async Task ResetSimulatorAsync()
    {
        await SetScenarioAsync("""{"rules":[]}""");
        using var response = await Http.PostAsync(new Uri(Simulator.BaseAddress, "/_sim/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The simulator's counters.</summary>
    public async Task<JsonElement> SimulatorStatsAsync() =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri(Simulator.BaseAddress, "/_sim/stats"));

    /// <summary>The bodies of the latest provider requests the simulator received (<c>GET /_sim/requests</c>), oldest first.</summary>
    public async Task<IReadOnlyList<(string Path, JsonElement Body)>> SimulatorRequestsAsync()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>(new Uri(Simulator.BaseAddress, "/_sim/requests"));
        return document.GetProperty("requests").EnumerateArray()
            .Select(r => (r.GetProperty("path").GetString()!, r.GetProperty("body").Clone()))
            .ToList();
    }

    /// <summary>The provider API requests the simulator has received.</summary>
    public async Task<int> SimulatorRequestCountAsync() => (await SimulatorStatsAsync()).GetProperty("total").GetInt32();

    /// <summary>What the fault-free simulator answers to <paramref name="requestJson"/> written for <paramref name="api"/>.</summary>
    public static SimulatedAnswer Expected(SimulatorApi api, string requestJson) => SimulatedText.Predict(api, requestJson, Seed);
}
