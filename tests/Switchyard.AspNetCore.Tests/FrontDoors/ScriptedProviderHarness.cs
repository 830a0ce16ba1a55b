using System.Net;
using System.Net.Sockets;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

/// <summary>
/// The gateway with both providers behind a loopback HTTP server whose every answer the derived harness writes: for
/// provider behaviour the simulator has no scenario for (an HTML error page, broken text, a key quoted back).
/// </summary>
public abstract class ScriptedProviderHarness : GatewayHarness
{
    private readonly HttpListener _provider = new();
    private readonly string _providerUrl;

    protected ScriptedProviderHarness()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _providerUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        probe.Stop();
        _provider.Prefixes.Add(_providerUrl);
        _provider.Start();
        _ = ServeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _provider.Close();
        GC.SuppressFinalize(this);
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Switchyard:Providers:OpenAI:BaseUrl", _providerUrl), new("Switchyard:Providers:Anthropic:BaseUrl", _providerUrl)];

    /// <summary>Writes the answer to one provider request and closes it.</summary>
    protected abstract Task AnswerAsync(HttpListenerContext context);

    private async Task ServeAsync()
    {
        while (_provider.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _provider.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }
}
