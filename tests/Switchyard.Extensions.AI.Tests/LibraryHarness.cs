using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Switchyard.Simulator;

namespace Switchyard.Extensions.AI.Tests;

/// <summary>
/// A real simulator on loopback (port 0) and the engine built in-process from configuration pointing at it, as a host
/// would build it. Route <c>chat</c> is gpt-4o-mini, then claude-haiku-4-5; tenant <c>capped</c> has a hard budget no
/// request fits. One per test class: scenarios are per simulator.
/// </summary>
public class LibraryHarness : IAsyncLifetime
{
    public const int Seed = 42;

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public SimulatorServer Simulator { get; private set; } = null!;

    public SwitchyardEngine Engine { get; private set; } = null!;

    /// <summary>The engine's SQLite file (a fresh temporary file per harness).</summary>
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"switchyard-library-{Guid.NewGuid():N}.db");

    public async ValueTask InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = Seed });
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(Configuration(Simulator.BaseAddress.ToString(), DatabasePath))
            .AddInMemoryCollection(ExtraSettings())
            .Build();
        Engine = SwitchyardEngine.Create(configuration, environment: new Dictionary<string, string?>());
    }

    /// <summary>More settings for a derived harness.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>The settings a host would put in its <c>Switchyard</c> section.</summary>
    public static IConfiguration Configuration(string simulatorUrl, string databasePath) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchyard:Storage:Path"] = databasePath,
            // Failure tests share one simulator: breakers opening between tests would change what later tests see.
            ["Switchyard:StormControl"] = "false",
            ["Switchyard:Providers:OpenAI:BaseUrl"] = simulatorUrl,
            ["Switchyard:Providers:OpenAI:ApiKey"] = "sk-sim-openai",
            ["Switchyard:Providers:Anthropic:BaseUrl"] = simulatorUrl,
            ["Switchyard:Providers:Anthropic:ApiKey"] = "sk-sim-anthropic",
            ["Switchyard:Routes:chat:Targets:0:Provider"] = "openai",
            ["Switchyard:Routes:chat:Targets:0:Model"] = "gpt-4o-mini",
            ["Switchyard:Routes:chat:Targets:1:Provider"] = "anthropic",
            ["Switchyard:Routes:chat:Targets:1:Model"] = "claude-haiku-4-5",
            ["Switchyard:Costs:Budgets:0:Name"] = "capped-tenant",
            ["Switchyard:Costs:Budgets:0:Scope"] = "tenant",
            ["Switchyard:Costs:Budgets:0:Subject"] = "capped",
            ["Switchyard:Costs:Budgets:0:LimitUsd"] = "0.0000001",
        }).Build();

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _http.Dispose();
        await Engine.DisposeAsync();
        await Simulator.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, Path.GetFileNameWithoutExtension(DatabasePath) + ".*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>Replaces the simulator's scenario and clears its counters and captured requests.</summary>
    public async Task SetScenarioAsync(string scenarioJson)
    {
        using var put = await _http.PutAsync(new Uri(Simulator.BaseAddress, "/_sim/scenario"), new StringContent(scenarioJson, Encoding.UTF8, "application/json"));
        put.EnsureSuccessStatusCode();
        using var reset = await _http.PostAsync(new Uri(Simulator.BaseAddress, "/_sim/reset"), null);
        reset.EnsureSuccessStatusCode();
    }

    /// <summary>The bodies of the provider requests the simulator received since the last reset, oldest first.</summary>
    public async Task<IReadOnlyList<(string Path, string Body)>> ProviderRequestsAsync()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>(new Uri(Simulator.BaseAddress, "/_sim/requests"));
        return document.GetProperty("requests").EnumerateArray()
            .Select(r => (r.GetProperty("path").GetString()!, r.GetProperty("body").GetRawText()))
            .ToList();
    }

    /// <summary>The chat requests among them (not the embeddings memory asks for), oldest first.</summary>
    public async Task<IReadOnlyList<(string Path, string Body)>> ChatRequestsAsync() =>
        (await ProviderRequestsAsync()).Where(r => r.Path is "/v1/chat/completions" or "/v1/messages").ToList();

    /// <summary>What the fault-free simulator answers to a provider request it received.</summary>
    public static SimulatedAnswer Expected((string Path, string Body) request) =>
        SimulatedText.Predict(request.Path.EndsWith("/messages", StringComparison.Ordinal) ? SimulatorApi.AnthropicMessages : SimulatorApi.OpenAIChatCompletions, request.Body, Seed);
}
