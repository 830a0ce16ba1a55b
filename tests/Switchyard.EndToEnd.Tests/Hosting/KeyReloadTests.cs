using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;

namespace Switchyard.EndToEnd.Tests.Hosting;

/// <summary>
/// A key removed from the configuration file is refused from the next request on, even on a keep-alive connection
/// whose earlier requests it authenticated (the gateway remembers a connection's caller, under the key store it was
/// found in).
/// </summary>
public sealed class KeyReloadTests : ConfigFileGatewayTest
{
    private const string Revoked = "sy-test-revoked";
    private const string Kept = "sy-test-kept";
    private int _connections;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConfigFileEdit_KeyRemoved_RefusedOnTheConnectionItAuthenticatedBefore()
    {
        await File.WriteAllTextAsync(ConfigFile, KeysConfig(("acme", Revoked), ("globex", Kept)), Ct);
        await using var gateway = await StartAsync(ProviderSettings(), ConfigFile);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, ConnectCallback = ConnectCountedAsync });
        var revoked = Client(gateway, http, Revoked);
        var kept = Client(gateway, http, Kept);
        Assert.NotEmpty((await revoked.CompleteChatAsync(["Hello"], cancellationToken: Ct)).Value.Content[0].Text);
        Assert.NotEmpty((await revoked.CompleteChatAsync(["Hello again"], cancellationToken: Ct)).Value.Content[0].Text);

        var reloader = gateway.Services.GetRequiredService<ConfigurationReloader>();
        var applied = reloader.Applied;
        await File.WriteAllTextAsync(ConfigFile, KeysConfig(("globex", Kept)), Ct);
        Assert.True(await EventuallyAsync(() => Task.FromResult(reloader.Applied > applied)), "the edit was never applied");

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
}
