using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;
using Switchyard.Memory;

namespace Switchyard.Extensions.AI;

/// <summary>
/// The gateway's engine, built in-process from the same configuration as <c>switchyard serve</c> (the <c>Switchyard</c>
/// section: providers, routes, tiers, budgets, storm control, the SQLite stores) and validated the same way. Owns the
/// provider connections and the stores; dispose it when the host stops. Hands out <see cref="SwitchyardChatClient"/>s
/// and <see cref="SwitchyardEmbeddingGenerator"/>s.
/// </summary>
public sealed class SwitchyardEngine : IAsyncDisposable, IDisposable
{
    // Where the library's defaults differ from the gateway's: stores only the HTTP doors use are not opened. The delta
    // log exists for resumes by Last-Event-ID, which an in-process caller cannot make, so logging every streamed event
    // would cost CPU and disk for nothing (continuation after an upstream break does not need it). Idempotency-Key and
    // stored Responses conversations are HTTP door features. A host that sets any of these keeps what it set.
    private static readonly Dictionary<string, string?> LibraryDefaults = new()
    {
        [$"{SwitchyardOptions.SectionName}:Streams:Log"] = "false",
        [$"{SwitchyardOptions.SectionName}:Idempotency:Enabled"] = "false",
        [$"{SwitchyardOptions.SectionName}:Conversations:Enabled"] = "false",
    };

    private readonly GatewayRuntime _runtime;

    private SwitchyardEngine(GatewayRuntime runtime) => _runtime = runtime;

    /// <summary>
    /// Builds the engine from <paramref name="configuration"/> (its <c>Switchyard</c> section), with the provider variables
    /// (<c>OPENAI_API_KEY</c>, <c>ANTHROPIC_API_KEY</c>, <c>*_BASE_URL</c>) of <paramref name="environment"/> — the process's
    /// by default — beneath it, as the gateway reads them.
    /// </summary>
    /// <exception cref="OptionsValidationException">The configuration is invalid; every error is listed with its path.</exception>
    public static SwitchyardEngine Create(IConfiguration configuration, IReadOnlyDictionary<string, string?>? environment = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var layered = new ConfigurationBuilder()
            .AddInMemoryCollection(ConventionalEnvironment.ToSettings(environment ?? ConventionalEnvironment.ReadProcess()))
            .AddInMemoryCollection(LibraryDefaults)
            .AddConfiguration(configuration)
            .Build();
        var options = new SwitchyardOptions();
        try
        {
            layered.GetSection(SwitchyardOptions.SectionName).Bind(options, b => b.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(SwitchyardOptions.SectionName, typeof(SwitchyardOptions), [ex.Message]);
        }

        var failures = new List<string>();
        // In-process, each client names its own tenant (SwitchyardChatClientOptions.Tenant): budgets may name any.
        if (new SwitchyardOptionsValidator { TenantsComeFromKeys = false }.Validate(null, options) is { Failed: true } invalid)
        {
            failures.AddRange(invalid.Failures);
        }

        if (!options.Providers.OpenAI.IsConfigured && !options.Providers.Anthropic.IsConfigured)
        {
            failures.Add("Switchyard:Providers: no provider is configured. Set OPENAI_API_KEY or ANTHROPIC_API_KEY (and *_BASE_URL for another endpoint).");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SwitchyardOptions.SectionName, typeof(SwitchyardOptions), failures);
        }

        return new SwitchyardEngine(new GatewayRuntime(options, [], time ?? TimeProvider.System, loggers));
    }

    /// <summary>The spend ledger: budgets, reservations and spend rows, as the gateway's admin API reports them.</summary>
    public Costs.IBudgetLedger Ledger => _runtime.Ledger;

    /// <summary>
    /// Forgets the memory session <paramref name="conversationId"/> of <paramref name="tenant"/>: every turn, summary and
    /// memory of it (turns still being recorded land first, so nothing comes back). What the admin API's forget does.
    /// </summary>
    /// <exception cref="InvalidOperationException">Memory is off (<c>Switchyard:Memory:Enabled</c>).</exception>
    public Task<SessionDeletion> ForgetSessionAsync(string tenant, string conversationId, CancellationToken cancellationToken = default)
    {
        var memory = _runtime.Memory ?? throw new InvalidOperationException("Memory is off (Switchyard:Memory:Enabled): there are no sessions to forget.");
        return memory.ForgetAsync(new MemorySessionKey(tenant, conversationId), cancellationToken);
    }

    /// <summary>Creates a client that speaks for <paramref name="options"/>' tenant; cheap, no state of its own.</summary>
    public SwitchyardChatClient CreateChatClient(SwitchyardChatClientOptions? options = null) =>
        new(() => _runtime.Current.Forwarder, options, _runtime.Memory);

    /// <summary>
    /// Creates an embedding generator that speaks for <paramref name="options"/>' tenant; cheap, no state of its own. It
    /// takes the gateway's embeddings path: a route's OpenAI targets, with its fallback, breakers and budgets.
    /// </summary>
    public SwitchyardEmbeddingGenerator CreateEmbeddingGenerator(SwitchyardEmbeddingGeneratorOptions? options = null) =>
        new(() => _runtime.Current.Forwarder, options);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _runtime.DisposeAsync();

    /// <summary>
    /// Disposes synchronously, for containers and hosts that only call <see cref="IDisposable.Dispose"/>. Prefer
    /// <see cref="DisposeAsync"/>: this blocks while the stores flush.
    /// </summary>
    public void Dispose() =>
        // On the thread pool, so that a caller's synchronization context (a UI thread) is not needed to finish: it is blocked.
        Task.Run(() => _runtime.DisposeAsync().AsTask()).GetAwaiter().GetResult();
}
