using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Embeddings;
using Switchyard.EndToEnd.Tests.Observability;
using Switchyard.EndToEnd.Tests.Routing;
using Switchyard.Hosting.Auth;

namespace Switchyard.EndToEnd.Tests.Embeddings;

/// <summary>
/// The gateway and simulator for the <c>POST /v1/embeddings</c> tests: embedding routes (fallback, Anthropic-only,
/// mixed, budgeted, metered), a named key for spend rows, a rate-limited tenant, and a captured log.
/// </summary>
public sealed class EmbeddingsHarness : RoutingHarness
{
    public const string Small = "text-embedding-3-small";
    public const string Large = "text-embedding-3-large";
    public const string FallbackRoute = "embed-fallback";
    public const string ClaudeRoute = "embed-claude";
    public const string MixedRoute = "embed-mixed";
    public const string BudgetRoute = "embed-budget";
    public const string SpendRoute = "embed-spend";
    public const string MetricsRoute = "embed-metrics";
    public const string TimeoutRoute = "embed-timeout";

    /// <summary>A key of tenant <c>acme</c> named <see cref="SpendKeyName"/>.</summary>
    public const string SpendKey = "sy-test-acme-embedder-0123";
    public const string SpendKeyName = "embedder-key";

    /// <summary>A key of tenant <c>limited</c>, which may send one request a minute.</summary>
    public const string LimitedKey = "sy-test-limited-0123456789";

    /// <summary>The largest body the gateway accepts here.</summary>
    public const int MaxBodyBytes = 100_000;

    public CapturingLoggerProvider Capture { get; } = new();

    protected override LogLevel MinimumLogLevel => LogLevel.Debug;

    protected override IReadOnlyList<ILoggerProvider> LoggerProviders => [Capture];

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        .. Route(FallbackRoute, Large, Small),
        .. Route(ClaudeRoute, SecondaryModel),
        .. Route(MixedRoute, SecondaryModel, Small),
        .. Route(BudgetRoute, Small),
        .. Route(SpendRoute, Small),
        .. Route(MetricsRoute, Small),
        .. Route(TimeoutRoute, Large, Small),
        // No answer timeout: an embeddings attempt is bounded by the first-token timeout.
        Setting($"Switchyard:Routes:{TimeoutRoute}:Tier", "embed-quick"),
        Setting("Switchyard:TimeoutTiers:embed-quick:FirstTokenMs", "1000"),
        // Any embedding costs more than this: the first one is refused.
        Setting("Switchyard:Costs:Budgets:0:Name", "embed-spent"),
        Setting("Switchyard:Costs:Budgets:0:Scope", "route"),
        Setting("Switchyard:Costs:Budgets:0:Subject", BudgetRoute),
        Setting("Switchyard:Costs:Budgets:0:LimitUsd", "0.0000000001"),
        Setting("Switchyard:Keys:1:Tenant", "acme"),
        Setting("Switchyard:Keys:1:Name", SpendKeyName),
        Setting("Switchyard:Keys:1:Hash", KeyHash.Compute(SpendKey)),
        Setting("Switchyard:Keys:2:Tenant", "limited"),
        Setting("Switchyard:Keys:2:Hash", KeyHash.Compute(LimitedKey)),
        Setting("Switchyard:InboundLimits:Tenants:limited:RequestsPerMinute", "1"),
        Setting("Switchyard:MaxRequestBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The official SDK's embedding client for <paramref name="model"/>, pointed at the gateway, retries off.</summary>
    public EmbeddingClient Sdk(string model, string key = Key) =>
        new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) })
            .GetEmbeddingClient(model);

    /// <summary>The embeddings requests the simulator received, oldest first.</summary>
    public async Task<List<JsonElement>> EmbeddingCallsAsync() =>
        (await SimulatorRequestsAsync()).Where(r => r.Path == "/v1/embeddings").Select(r => r.Body).ToList();
}
