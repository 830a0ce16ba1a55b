using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Hosting;

/// <summary>
/// For tests that start their own gateways, typically watching a configuration file they edit: a simulator, and a
/// temporary database and configuration file that are deleted afterwards.
/// </summary>
public abstract class ConfigFileGatewayTest : IAsyncLifetime
{
    /// <summary>The database the gateways use (from <see cref="ProviderSettings"/>).</summary>
    protected string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.db");

    /// <summary>A configuration file path, not created until the test writes it.</summary>
    protected string ConfigFile { get; } = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.json");

    /// <summary>The upstream of both providers.</summary>
    protected SimulatorServer Simulator { get; private set; } = null!;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() =>
        Simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = GatewayHarness.Seed });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        foreach (var file in new[] { ConfigFile, DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The database and both providers pointed at the simulator; no keys.</summary>
    protected Dictionary<string, string?> ProviderSettings() => new()
    {
        ["Switchyard:Storage:Path"] = DatabasePath,
        ["Switchyard:Providers:OpenAI:BaseUrl"] = Simulator.BaseAddress.ToString(),
        ["Switchyard:Providers:OpenAI:ApiKey"] = "sk-sim-openai",
        ["Switchyard:Providers:Anthropic:BaseUrl"] = Simulator.BaseAddress.ToString(),
        ["Switchyard:Providers:Anthropic:ApiKey"] = "sk-sim-anthropic",
    };

    /// <summary>Starts a gateway on a free loopback port with <paramref name="settings"/>, watching <paramref name="configFile"/> if given.</summary>
    protected static Task<GatewayServer> StartAsync(Dictionary<string, string?> settings, string? configFile = null) =>
        GatewayServer.StartAsync(new GatewayServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Environment = new Dictionary<string, string?>(),
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical,
            Settings = settings,
            ConfigFile = configFile,
        });

    /// <summary>Whether <paramref name="condition"/> holds within ~10 s: a configuration file is polled every 4 s, so two polls and some.</summary>
    protected static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }
}
