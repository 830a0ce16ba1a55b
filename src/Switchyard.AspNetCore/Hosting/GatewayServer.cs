using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Observability;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// A running gateway: Kestrel plus the Switchyard endpoints. Used by <c>switchyard serve</c> and by end-to-end tests
/// (port 0 on loopback). Configuration errors surface from <see cref="StartAsync"/> as <see cref="OptionsValidationException"/>.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PolledConfigFile? _configFile;

    private GatewayServer(WebApplication app, PolledConfigFile? configFile, Uri baseAddress, string? devKey)
    {
        _app = app;
        _configFile = configFile;
        BaseAddress = baseAddress;
        DevKey = devKey;
    }

    /// <summary>The address the gateway listens on, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The generated development key, when no key was configured; null otherwise.</summary>
    public string? DevKey { get; }

    /// <summary>The gateway's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds, validates and starts a gateway.</summary>
    public static async Task<GatewayServer> StartAsync(GatewayServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // An empty builder, so that the configuration is what docs/configuration.md lists and nothing else: the default
        // builders also read appsettings.json (and appsettings.{environment}.json) from the working directory, a file
        // nobody asked for that skipped every check of the --config file and crashed start-up when it was not JSON.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        // The .NET logging filters of the --config file and the environment (Logging:LogLevel:…), as the default builders apply them.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        var startFailureFilter = new HostStartFailureFilter(options.MinimumLogLevel);
        builder.Logging.AddFilter(HostStartFailureFilter.Category, startFailureFilter.Allows);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            // Scopes carry the gateway's request id (RequestIdMiddleware) onto every line of a request.
            o.IncludeScopes = true;
        }).SetMinimumLevel(options.MinimumLogLevel);
        // ASP.NET Core starts an Activity for every request whenever its hosting logger is enabled at any level (to tie
        // its "Request starting/finished" lines together), and HttpClient then starts a child and sends a traceparent
        // upstream: two Activities and about 2 KB per request that nothing reads unless tracing is on, and with tracing
        // on the activity source has a listener and they are created all the same. Switchyard logs its own completion
        // line per request, with the request id; a start-up failure still surfaces as StartAsync's exception.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        if (options.ConsoleLogLevel is { } consoleLevel)
        {
            builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, consoleLevel);
        }

        foreach (var provider in options.LoggerProviders)
        {
            builder.Logging.AddProvider(provider);
        }

        builder.WebHost.UseUrls(options.Urls);
        // The gateway enforces its own body limit so that the refusal is in the caller's wire format.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);

        var environment = options.Environment ?? ConventionalEnvironment.ReadProcess();
        PolledConfigFile? configFile = null;
        var configPath = options.ConfigFile is { } file ? Path.GetFullPath(file) : null;
        if (configPath is not null)
        {
            ThrowIfAny(ConfigFileGuard.Problems(configPath));
            configFile = PolledConfigFile.Add(builder.Configuration, configPath);
        }

        // SWITCHYARD__… variables override the file (and any variable is read: .NET configuration takes them all).
        builder.Configuration.AddEnvironmentVariables();
        // Checked before the layers above them hide them: the simulator's settings replace the base URLs in serve.
        var urlProblems = ProviderUrlSources.Problems(builder.Configuration, environment);
        builder.Configuration.AddInMemoryCollection(ConventionalEnvironment.ToSettings(environment));
        builder.Configuration.AddInMemoryCollection(options.Settings);
        ThrowIfAny([.. ConfigurationCheck.Problems(builder.Configuration, configFile: null), .. urlProblems], configFile);

        builder.Services.AddOptions<SwitchyardOptions>()
            .Bind(builder.Configuration.GetSection(SwitchyardOptions.SectionName), b => b.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SwitchyardOptions>, SwitchyardOptionsValidator>();
        // Read once when Kestrel's socket transport is created (at start); invalid configuration fails validation first.
        builder.Services.AddOptions<SocketTransportOptions>()
            .Configure<IOptions<SwitchyardOptions>>((socket, switchyard) => socket.UnsafePreferInlineScheduling = switchyard.Value.Server.InlineScheduling);
        builder.Services.AddSingleton(TimeProvider.System);

        var envKey = environment.GetValueOrDefault("SWITCHYARD_API_KEY");
        var anyKeyConfigured = !string.IsNullOrWhiteSpace(envKey)
            || builder.Configuration.GetSection($"{SwitchyardOptions.SectionName}:Keys").GetChildren().Any();
        var devKey = !anyKeyConfigured && options.GenerateDevKeyWhenNoneConfigured ? KeyHash.NewKey("sy-dev-") : null;
        var processKeys = new List<(string Hash, Caller Caller)>();
        if (!string.IsNullOrWhiteSpace(envKey))
        {
            processKeys.Add((KeyHash.Compute(envKey), new Caller("default", "SWITCHYARD_API_KEY")));
        }

        if (devKey is not null)
        {
            processKeys.Add((KeyHash.Compute(devKey), new Caller("default", "dev")));
        }

        builder.Services.AddSingleton(sp => new GatewayRuntime(
            sp.GetRequiredService<IOptions<SwitchyardOptions>>().Value,
            processKeys,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConfigurationReloader>(sp, new ConfigurationReloader.ConfigFile(configPath)));
        // Read before the options are bound: the meter provider is configured while services are registered. An invalid
        // value fails the options validation at start like any other.
        var httpMetrics = bool.TryParse(builder.Configuration[$"{SwitchyardOptions.SectionName}:Observability:HttpMetrics"], out var on) && on;
        builder.Services.AddGatewayObservability(environment, httpMetrics);

        try
        {
            var app = builder.Build();
            app.UseMiddleware<RequestIdMiddleware>();
            app.UseMiddleware<EdgeFailureMiddleware>();
            app.MapGatewayObservability(
                OpenRuntime(app.Services),
                app.Services.GetRequiredService<IOptions<SwitchyardOptions>>().Value.Observability);
            app.MapSwitchyard();
            FallbackEndpoint.Map(app);
            await app.StartAsync(cancellationToken);
            startFailureFilter.Started();
            app.Services.GetRequiredService<ConfigurationReloader>().Watch();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new GatewayServer(app, configFile, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), devKey);
        }
        catch
        {
            configFile?.Dispose();
            throw;
        }
    }

    // The runtime opens the SQLite stores. The validator has checked the path's directory; what is left (not a database,
    // no permission, a full disk) is reported with the setting rather than as SQLite's bare "unable to open database file".
    private static GatewayRuntime OpenRuntime(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<GatewayRuntime>();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            var path = services.GetRequiredService<IOptions<SwitchyardOptions>>().Value.Storage.Path;
            throw new OptionsValidationException(SwitchyardOptions.SectionName, typeof(SwitchyardOptions),
                [$"{SwitchyardOptions.SectionName}:Storage:Path '{path}': the state stores beside it cannot be opened: {ex.Message}"]);
        }
    }

    private static void ThrowIfAny(IReadOnlyList<string> problems, PolledConfigFile? toDispose = null)
    {
        if (problems.Count > 0)
        {
            toDispose?.Dispose();
            throw new OptionsValidationException(SwitchyardOptions.SectionName, typeof(SwitchyardOptions), problems);
        }
    }

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server gracefully.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _configFile?.Dispose();
    }
}
