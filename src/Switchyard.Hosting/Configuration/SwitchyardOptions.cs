namespace Switchyard.Hosting.Configuration;

/// <summary>
/// The gateway's configuration, bound from the <c>Switchyard</c> section (a <c>switchyard.json</c> file plus
/// <c>SWITCHYARD__…</c> environment overrides). Validated at start by <see cref="SwitchyardOptionsValidator"/>.
/// </summary>
public sealed class SwitchyardOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchyard";

    /// <summary>Largest accepted request body in bytes. The default is 32 MiB, Anthropic's own limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Provider endpoints. A provider without a base URL and key is not routable.</summary>
    public ProvidersOptions Providers { get; set; } = new();

    /// <summary>
    /// Model name → provider name (<c>openai</c> or <c>anthropic</c>) for models the naming conventions do not cover.
    /// </summary>
    public Dictionary<string, string> Models { get; set; } = [];

    /// <summary>Routes by name: the names clients send as <c>model</c>.</summary>
    public Dictionary<string, RouteOptions> Routes { get; set; } = [];

    /// <summary>Timeout tiers by name, added to (or replacing) the built-in <c>interactive</c>, <c>standard</c>, <c>background</c>.</summary>
    public Dictionary<string, TimeoutTierOptions> TimeoutTiers { get; set; } = [];

    /// <summary>Tier for routes that name none. The default is <c>standard</c>.</summary>
    public string DefaultTier { get; set; } = "standard";

    /// <summary>Targets tried after a plain provider model name's own target fails (empty: none).</summary>
    public List<RouteTargetOptions> DefaultFallback { get; set; } = [];

    /// <summary>Prices, the per-request cap and budgets.</summary>
    public CostOptions Costs { get; set; } = new();

    /// <summary>
    /// Storm control: circuit breakers per deployment × model, client-side rate limits per deployment, retry budgets
    /// and backoff with jitter. On by default; read once at start (its state lives as long as the process).
    /// </summary>
    public bool StormControl { get; set; } = true;

    /// <summary>Storm-control settings (breaker thresholds, retry budget, backoff, rate limits); see docs/configuration.md.</summary>
    public Switchyard.Resilience.ResilienceOptions Resilience { get; set; } = new();

    /// <summary>Requests and tokens per minute per tenant and per key.</summary>
    public InboundLimitOptions InboundLimits { get; set; } = new();

    /// <summary>Stream recovery: delta log, resume, detached generation, continuation.</summary>
    public StreamOptions Streams { get; set; } = new();

    /// <summary><c>Idempotency-Key</c> handling.</summary>
    public IdempotencyOptions Idempotency { get; set; } = new();

    /// <summary>Stored Responses conversations (<c>previous_response_id</c>, <c>store</c>, <c>DELETE</c>); see docs/streams.md.</summary>
    public ConversationOptions Conversations { get; set; } = new();

    /// <summary>Layered agent memory for requests that name a session; see docs/memory.md.</summary>
    public MemoryConfigOptions Memory { get; set; } = new();

    /// <summary>Metrics endpoint settings (<c>GET /metrics</c>); see docs/observability.md.</summary>
    public ObservabilityOptions Observability { get; set; } = new();

    /// <summary>How the HTTP server runs requests (inline scheduling); see docs/configuration.md.</summary>
    public ServerOptions Server { get; set; } = new();

    /// <summary>Where state (the spend ledger) is kept.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Virtual keys. Only hashes are stored (<c>sha256:</c> + 64 hex digits, see <c>switchyard keys hash</c>).</summary>
    public List<VirtualKeyOptions> Keys { get; set; } = [];
}

/// <summary>Both providers' endpoints.</summary>
public sealed class ProvidersOptions
{
    /// <summary>OpenAI. The default base URL is <c>https://api.openai.com</c>.</summary>
    public ProviderOptions OpenAI { get; set; } = new() { BaseUrl = "https://api.openai.com" };

    /// <summary>Anthropic. The default base URL is <c>https://api.anthropic.com</c>.</summary>
    public ProviderOptions Anthropic { get; set; } = new() { BaseUrl = "https://api.anthropic.com" };
}

/// <summary>One provider endpoint.</summary>
public sealed class ProviderOptions
{
    /// <summary>Base URL; a trailing <c>/v1</c> (as in <c>OPENAI_BASE_URL</c>) is accepted and removed.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The provider key. Comes from <c>OPENAI_API_KEY</c> / <c>ANTHROPIC_API_KEY</c> (or <c>SWITCHYARD__PROVIDERS__…__APIKEY</c>);
    /// a configuration file must not hold it in plain text.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether both a base URL and a key are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>One virtual key: the tenant it belongs to and the key's hash.</summary>
public sealed class VirtualKeyOptions
{
    /// <summary>Tenant id; tenants never see each other's traffic, spend or state.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>Key hash in the form <c>sha256:</c> + 64 hex digits (either case; <c>switchyard keys</c> prints lower case).</summary>
    public string Hash { get; set; } = "";

    /// <summary>Optional display name for the key (appears in logs and the admin API, never the key itself).</summary>
    public string? Name { get; set; }

    /// <summary>Whether the key may read every tenant's spend through the admin API. The default is false.</summary>
    public bool Admin { get; set; }
}
