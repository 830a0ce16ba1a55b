using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Conversations;
using Switchyard.Costs;
using Switchyard.Gateway;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;
using Switchyard.Hosting.Memory;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;
using Switchyard.Resilience;
using Switchyard.Routing;
using Switchyard.Storage;
using Switchyard.Streaming;

namespace Switchyard.Hosting;

/// <summary>
/// The live gateway. Provider clients (one pooled <see cref="HttpClient"/> each) and learned state (latency averages)
/// live as long as the process; keys, routes and tiers form a <see cref="GatewaySnapshot"/> that a configuration reload
/// replaces atomically — and only when the new configuration is valid, so the last good one keeps serving.
/// A singleton; owns the HTTP clients.
/// </summary>
public sealed class GatewayRuntime : IAsyncDisposable
{
    // Expired reservations already stop counting at once; the sweep only keeps the table small.
    private static readonly TimeSpan ExpirySweep = TimeSpan.FromSeconds(30);
    private readonly List<HttpClient> _clients = [];
    private readonly SqliteBudgetLedger _ledger;
    private readonly ITimer _sweeper;
    private readonly ITimer? _streamPurger;
    private readonly IReadOnlyList<(string Hash, Caller Caller)> _processKeys;
    private readonly TimeProvider _time;
    private readonly LatencyTracker _latency = new();
    private readonly ResilienceRegistry? _resilience;
    private readonly SqliteDeltaLog? _deltaLog;
    private readonly SqliteIdempotencyStore? _idempotency;
    private readonly Lazy<SqliteBatchOwnership> _batchOwnership;
    private readonly SqliteConversationStore? _conversations;
    private volatile GatewaySnapshot _current;
    private readonly ILogger _logger;

    /// <summary>Builds the runtime from validated options. <paramref name="processKeys"/> (environment and dev keys) survive reloads.</summary>
    public GatewayRuntime(SwitchyardOptions options, IReadOnlyList<(string Hash, Caller Caller)> processKeys, TimeProvider time, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<GatewayRuntime>();
        _processKeys = processKeys;
        _time = time;
        var providers = new List<IChatProvider>();
        if (options.Providers.OpenAI.IsConfigured)
        {
            providers.Add(CreateProvider(options.Providers.OpenAI, OpenAIDialect.Instance));

            // The same account through the Responses API: route targets name it as provider `openai-responses`.
            providers.Add(CreateProvider(options.Providers.OpenAI, OpenAIResponsesDialect.Instance));
        }

        if (options.Providers.Anthropic.IsConfigured)
        {
            providers.Add(CreateProvider(options.Providers.Anthropic, AnthropicDialect.Instance));
        }

        Providers = providers;
        _ledger = new SqliteBudgetLedger(options.Storage.Path, CostConfiguration.Budgets(options.Costs), time);
        _resilience = options.StormControl ? new ResilienceRegistry(options.Resilience, time) : null;
        _deltaLog = options.Streams.Log
            ? new SqliteDeltaLog(options.Storage.StreamsPath, time, new DeltaLogOptions
            {
                FlushInterval = TimeSpan.FromMilliseconds(options.Streams.FlushIntervalMs),
                Retention = TimeSpan.FromSeconds(options.Streams.RetentionSeconds),
            })
            : null;
        _idempotency = options.Idempotency.Enabled
            ? new SqliteIdempotencyStore(options.Storage.IdempotencyPath, time, new IdempotencyStoreOptions { Retention = TimeSpan.FromHours(options.Idempotency.RetentionHours) })
            : null;
        // Opened on first use: only the gateway's batch doors need it, so a library host never creates the file.
        var batchesPath = options.Storage.BatchesPath;
        _batchOwnership = new Lazy<SqliteBatchOwnership>(() => new SqliteBatchOwnership(batchesPath), LazyThreadSafetyMode.ExecutionAndPublication);
        BatchClient = new HttpClient(ProviderHttpHandler.Create()) { Timeout = Timeout.InfiniteTimeSpan };
        _clients.Add(BatchClient);
        _conversations = options.Conversations.Enabled
            ? new SqliteConversationStore(options.Storage.ConversationsPath, time, new ConversationStoreOptions
            {
                Retention = TimeSpan.FromDays(options.Conversations.RetentionDays),
                MaxChainLength = options.Conversations.MaxChainLength,
            })
            : null;
        _current = Build(options);
        Memory = options.Memory.Enabled ? new GatewayMemory(options, this, time, loggers ?? NullLoggerFactory.Instance) : null;
        _sweeper = time.CreateTimer(_ => _ = SweepAsync(), null, ExpirySweep, ExpirySweep);

        // Streams older than the retention must read as gone soon after it passes, whatever the retention.
        var purgeEvery = TimeSpan.FromSeconds(Math.Clamp(options.Streams.RetentionSeconds / 4.0, 1, 30));
        _streamPurger = _deltaLog is null ? null : time.CreateTimer(_ => _ = PurgeStreamsAsync(), null, purgeEvery, purgeEvery);
    }

    /// <summary>Per-tenant and per-key inbound limits.</summary>
    public Limits.InboundLimiter Inbound { get; } = new();

    /// <summary>Storm-control state (breakers, limiters, retry budgets); null when storm control is off.</summary>
    public ResilienceRegistry? Resilience => _resilience;

    /// <summary>Idempotency-Key records; null when the feature is off.</summary>
    public IIdempotencyStore? Idempotency => _idempotency;

    /// <summary>Stored Responses conversations (<c>previous_response_id</c>); null when the feature is off.</summary>
    public IConversationStore? Conversations => _conversations;

    /// <summary>Layered agent memory for sessions; null when <c>Memory:Enabled</c> is off.</summary>
    internal GatewayMemory? Memory { get; }

    /// <summary>The gateway's clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>The delta log of streamed answers (resumes); null when stream logging is off.</summary>
    public IDeltaLog? DeltaLog => _deltaLog;

    /// <summary>The spend ledger (budgets, reservations, spend rows).</summary>
    public IBudgetLedger Ledger => _ledger;

    /// <summary>Tenant ownership of forwarded batch files and batches, and their one-time billing.</summary>
    public IBatchOwnership BatchOwnership => _batchOwnership.Value;

    /// <summary>The HTTP client of the batch doors (uploads and downloads stream through it; no blanket timeout).</summary>
    public HttpClient BatchClient { get; }

    /// <summary>Configured providers (fixed for the process: base URLs and keys need a restart).</summary>
    public IReadOnlyList<IChatProvider> Providers { get; }

    /// <summary>The configuration currently serving.</summary>
    public GatewaySnapshot Current => _current;

    /// <summary>The OpenAI Chat Completions codec (front door).</summary>
    public static IWireCodec OpenAICodec => OpenAIChatCodec.Instance;

    /// <summary>The Anthropic Messages codec (front door).</summary>
    public static IWireCodec AnthropicCodec => AnthropicMessagesCodec.Instance;

    /// <summary>The OpenAI Responses codec (front door).</summary>
    public static IWireCodec ResponsesCodec => OpenAIResponsesCodec.Instance;

    /// <summary>The Anthropic codec as the <c>/v1/messages/count_tokens</c> front door.</summary>
    public static ITokenCountCodec AnthropicCountCodec => AnthropicMessagesCodec.Instance;

    /// <summary>The Responses codec as the <c>/v1/responses/input_tokens</c> front door.</summary>
    public static ITokenCountCodec ResponsesCountCodec => OpenAIResponsesCodec.Instance;

    /// <summary>The OpenAI codec as the <c>/v1/embeddings</c> front door.</summary>
    public static IEmbeddingCodec EmbeddingCodec => OpenAIChatCodec.Instance;

    /// <summary>Swaps in <paramref name="options"/> (already validated).</summary>
    public void Apply(SwitchyardOptions options)
    {
        _ledger.UpdateBudgets(CostConfiguration.Budgets(options.Costs));
        _current = Build(options);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync();
        if (_streamPurger is not null)
        {
            await _streamPurger.DisposeAsync();
        }

        if (Memory is not null)
        {
            // Before the clients: the recorder's summarizer calls go through them.
            await Memory.DisposeAsync();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _ledger.DisposeAsync();
        if (_batchOwnership.IsValueCreated)
        {
            await _batchOwnership.Value.DisposeAsync();
        }
        if (_deltaLog is not null)
        {
            await _deltaLog.DisposeAsync();
        }

        if (_idempotency is not null)
        {
            await _idempotency.DisposeAsync();
        }

        if (_conversations is not null)
        {
            await _conversations.DisposeAsync();
        }

        Inbound.Dispose();
    }

    private async Task SweepAsync()
    {
        try
        {
            await _ledger.ExpireReservationsAsync(CancellationToken.None);
            if (_idempotency is not null)
            {
                await _idempotency.PurgeExpiredAsync(CancellationToken.None);
            }

            if (_conversations is not null)
            {
                await _conversations.PurgeExpiredAsync(CancellationToken.None);
            }

            if (Memory is not null)
            {
                await Memory.Engine.PurgeExpiredAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            // A missed sweep is harmless (expired reservations never count); the next one retries.
        }
    }

    private async Task PurgeStreamsAsync()
    {
        try
        {
            await _deltaLog!.PurgeExpiredAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            // The next purge retries; expired streams are only kept a little longer.
        }
    }

    private GatewaySnapshot Build(SwitchyardOptions options)
    {
        // Hashes may be written in upper case; requests are matched against the lower-case form KeyHash.Compute gives.
        var keys = options.Keys.Select(k => KeyHash.Normalize(k.Hash)).Zip(options.Keys)
            .Select(p => (p.First, new Caller(p.Second.Tenant, p.Second.Name ?? p.First[..15], p.Second.Admin))).Concat(_processKeys);
        var resolver = new ModelResolver(Providers, options.Models);
        var routes = RouteTableFactory.Create(options, model => resolver.Resolve(model)?.Name);
        var costs = new CostGate(CostConfiguration.Prices(options.Costs), TokenEstimator.Instance, _ledger, CostConfiguration.Policy(options.Costs), options.Costs.Budgets.Count > 0);
        UnpricedTargetsWarning.Log(_logger, routes, costs);
        var planner = new RoutePlanner(_latency, target => costs.PriceOf(target) is { } price ? PriceBook.MaxCost(price, 1000, 1000) : null);
        var recovery = new StreamRecovery(_deltaLog, options.Streams.MaxContinuations);
        var forwarder = new ChatForwarder(routes, Providers, _latency, planner, _time, costs, _resilience, recovery);
        return new GatewaySnapshot(options, new VirtualKeyStore(keys), forwarder);
    }

    private HttpChatProvider CreateProvider(ProviderOptions options, IProviderDialect dialect)
    {
        // Deadlines are the engine's job (cancellation tokens), not a blanket client timeout that would cut long streams.
        var client = new HttpClient(ProviderHttpHandler.Create()) { Timeout = Timeout.InfiniteTimeSpan };
        _clients.Add(client);
        var baseUrl = options.BaseUrl!.TrimEnd('/');
        if (baseUrl.EndsWith("/v1", StringComparison.Ordinal))
        {
            baseUrl = baseUrl[..^3];
        }

        return new HttpChatProvider(client, dialect, new ProviderEndpoint(new Uri(baseUrl + "/"), options.ApiKey!), _time);
    }
}

/// <summary>One consistent configuration: what a request sees from start to end, even across a reload.</summary>
/// <param name="Options">The validated options.</param>
/// <param name="Keys">Virtual keys.</param>
/// <param name="Forwarder">The engine entry point with its route table.</param>
public sealed record GatewaySnapshot(SwitchyardOptions Options, VirtualKeyStore Keys, ChatForwarder Forwarder)
{
    /// <summary>Models that route somewhere, with the provider (or <c>route</c>) that owns them.</summary>
    public IReadOnlyList<(string Id, string Owner)> ListModels(IEnumerable<IChatProvider> providers)
    {
        var configured = providers.Select(p => p.Name).ToHashSet();
        var models = new List<(string, string)>();
        models.AddRange(Forwarder.Routes.Routes.Select(r => (r.Name, "switchyard")));
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
}
