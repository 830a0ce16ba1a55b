using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Hosting;

/// <summary>
/// A key removed from the configuration file is refused from the next request on, even on a keep-alive connection
/// whose earlier requests it authenticated (the gateway remembers a connection's caller, under the key store it was
/// found in).
/// </summary>
public sealed class KeyReloadTests : IAsyncLifetime
{
    private const string Revoked = "sy-test-revoked";
    private const string Kept = "sy-test-kept";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.db");
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.json");
    private SimulatorServer _simulator = null!;
    private int _connections;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = GatewayHarness.Seed });

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        foreach (var file in new[] { _configFile, _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ConfigFileEdit_KeyRemoved_RefusedOnTheConnectionItAuthenticatedBefore()
    {
        await File.WriteAllTextAsync(_configFile, KeysConfig(("acme", Revoked), ("globex", Kept)), Ct);
        await using var gateway = await StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, ConnectCallback = ConnectCountedAsync });
        var revoked = Client(gateway, http, Revoked);
        var kept = Client(gateway, http, Kept);
        Assert.NotEmpty((await revoked.CompleteChatAsync(["Hello"], cancellationToken: Ct)).Value.Content[0].Text);
        Assert.NotEmpty((await revoked.CompleteChatAsync(["Hello again"], cancellationToken: Ct)).Value.Content[0].Text);

        var reloader = gateway.Services.GetRequiredService<ConfigurationReloader>();
        var applied = reloader.Applied;
        await File.WriteAllTextAsync(_configFile, KeysConfig(("globex", Kept)), Ct);
        Assert.True(await EventuallyAsync(() => reloader.Applied > applied), "the edit was never applied");

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => revoked.CompleteChatAsync(["Still there?"], cancellationToken: Ct));
        Assert.Equal(401, refused.Status);
        Assert.NotEmpty((await kept.CompleteChatAsync(["Hello"], cancellationToken: Ct)).Value.Content[0].Text);
        Assert.Equal(1, _connections); // every request above went over the one keep-alive connection
    }

    private static ChatClient Client(GatewayServer gateway, HttpClient http, string key) =>
        new("gpt-4o-mini", new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway.BaseAddress, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(http),
        });

    private async ValueTask<Stream> ConnectCountedAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connections);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private static string KeysConfig(params (string Tenant, string Key)[] keys) =>
        "{\"Switchyard\":{\"Keys\":[" + string.Join(",", keys.Select(k => $"{{\"Tenant\":\"{k.Tenant}\",\"Hash\":\"{KeyHash.Compute(k.Key)}\"}}")) + "]}}";

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        // The file is polled every 4 s (PolledConfigFile): allow two polls and some.
        for (var i = 0; i < 200; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }

        return false;
    }

    private Task<GatewayServer> StartAsync() =>
        GatewayServer.StartAsync(new GatewayServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Environment = new Dictionary<string, string?>(),
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical,
            ConfigFile = _configFile,
            Settings = new Dictionary<string, string?>
            {
                ["Switchyard:Storage:Path"] = _database,
                ["Switchyard:Providers:OpenAI:BaseUrl"] = _simulator.BaseAddress.ToString(),
                ["Switchyard:Providers:OpenAI:ApiKey"] = "sk-sim-openai",
                ["Switchyard:Providers:Anthropic:BaseUrl"] = _simulator.BaseAddress.ToString(),
                ["Switchyard:Providers:Anthropic:ApiKey"] = "sk-sim-anthropic",
            },
        });
}
