using System.Net;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Configuration;
using Switchyard.Gateway;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// The live gateway built from validated options: the key store, one pooled <see cref="HttpClient"/> and provider per
/// configured provider, and the forwarder. A singleton; owns the HTTP clients.
/// </summary>
public sealed class GatewayRuntime : IDisposable
{
    private readonly List<HttpClient> _clients = [];

    /// <summary>Builds the runtime. <paramref name="keys"/> already includes environment and dev keys.</summary>
    public GatewayRuntime(SwitchyardOptions options, VirtualKeyStore keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        Options = options;
        Keys = keys;
        var providers = new List<IChatProvider>();
        if (options.Providers.OpenAI.IsConfigured)
        {
            providers.Add(CreateProvider(options.Providers.OpenAI, new OpenAIDialect(), time));
        }

        if (options.Providers.Anthropic.IsConfigured)
        {
            providers.Add(CreateProvider(options.Providers.Anthropic, new AnthropicDialect(), time));
        }

        Providers = providers;
        Forwarder = new ChatForwarder(new ModelResolver(providers, options.Models));
    }

    /// <summary>The validated options this runtime was built from.</summary>
    public SwitchyardOptions Options { get; }

    /// <summary>Virtual keys.</summary>
    public VirtualKeyStore Keys { get; }

    /// <summary>Configured providers.</summary>
    public IReadOnlyList<IChatProvider> Providers { get; }

    /// <summary>The engine entry point.</summary>
    public ChatForwarder Forwarder { get; }

    /// <summary>The OpenAI Chat Completions codec (front door).</summary>
    public static IWireCodec OpenAICodec => OpenAIChatCodec.Instance;

    /// <summary>The Anthropic Messages codec (front door).</summary>
    public static IWireCodec AnthropicCodec => AnthropicMessagesCodec.Instance;

    /// <summary>Models that route somewhere, with the provider that owns them.</summary>
    public IReadOnlyList<(string Id, string Owner)> ListModels()
    {
        var configured = Providers.Select(p => p.Name).ToHashSet();
        var models = new List<(string, string)>();
        if (configured.Contains("openai"))
        {
            models.AddRange(KnownModels.OpenAI.Select(m => (m, "openai")));
        }

        if (configured.Contains("anthropic"))
        {
            models.AddRange(KnownModels.Anthropic.Select(m => (m, "anthropic")));
        }

        models.AddRange(Options.Models.Where(m => configured.Contains(m.Value)).Select(m => (m.Key, m.Value)));
        return models.DistinctBy(m => m.Item1).ToList();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private HttpChatProvider CreateProvider(ProviderOptions options, IProviderDialect dialect, TimeProvider time)
    {
        var handler = new SocketsHttpHandler
        {
            // Recycle connections so DNS changes at the provider are picked up; keep them warm in between.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = int.MaxValue,
            EnableMultipleHttp2Connections = true,
        };
        // Deadlines are the engine's job (cancellation tokens), not a blanket client timeout that would cut long streams.
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _clients.Add(client);
        var baseUrl = options.BaseUrl!.TrimEnd('/');
        if (baseUrl.EndsWith("/v1", StringComparison.Ordinal))
        {
            baseUrl = baseUrl[..^3];
        }

        return new HttpChatProvider(client, dialect, new ProviderEndpoint(new Uri(baseUrl + "/"), options.ApiKey!), time);
    }
}
