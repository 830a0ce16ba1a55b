using Switchyard.Hosting;
namespace Switchyard.AspNetCore.Hosting;

/// <summary>How to start a gateway process (used by <c>switchyard serve</c> and by end-to-end tests).</summary>
public sealed record GatewayServerOptions
{
    /// <summary>Kestrel URLs. The default is <c>http://127.0.0.1:8080</c>; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Optional JSON configuration file (reloaded on change).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>In-memory configuration overrides with the highest precedence (keys like <c>Switchyard:Providers:OpenAI:BaseUrl</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Environment variables to read the conventional settings from (<c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>,
    /// <c>ANTHROPIC_API_KEY</c>, <c>ANTHROPIC_BASE_URL</c>, <c>SWITCHYARD_API_KEY</c>). Null reads the process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>When no virtual key is configured at all, generate a development key for tenant <c>default</c>. The default is true.</summary>
    public bool GenerateDevKeyWhenNoneConfigured { get; init; } = true;

    /// <summary>Minimum log level for the console. The default is Information.</summary>
    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>
    /// Extra logger providers (embedding hosts, tests), at <see cref="MinimumLogLevel"/>. The gateway does not dispose them.
    /// </summary>
    public IReadOnlyList<Microsoft.Extensions.Logging.ILoggerProvider> LoggerProviders { get; init; } = [];

    /// <summary>A higher minimum level for the console alone (e.g. quiet console, detailed extra providers); null uses <see cref="MinimumLogLevel"/>.</summary>
    public Microsoft.Extensions.Logging.LogLevel? ConsoleLogLevel { get; init; }
}
