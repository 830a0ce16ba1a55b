using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchyard.Simulator;

/// <summary>
/// A self-hosted simulator on Kestrel. Start it with <see cref="StartAsync"/>; dispose (or <see cref="StopAsync"/>) to stop.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The address actually bound (port 0 resolved), without <c>/v1</c> and without a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts Kestrel on <paramref name="urls"/> (e.g. <c>http://127.0.0.1:0</c>) and returns once it listens.</summary>
    public static async Task<SimulatorServer> StartAsync(string urls, SimulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        builder.Services.AddSimulator(options);
        var app = builder.Build();
        app.UseRouting();
        app.MapSimulator();
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/')));
    }

    /// <summary>Stops accepting requests and ends the host.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>Completes when the host shuts down or <paramref name="ct"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
