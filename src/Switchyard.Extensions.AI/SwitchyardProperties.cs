namespace Switchyard.Extensions.AI;

/// <summary>
/// Keys of what <see cref="SwitchyardChatClient"/> adds to <c>ChatResponse.AdditionalProperties</c> (and to streamed
/// updates) and <see cref="SwitchyardEmbeddingGenerator"/> to <c>GeneratedEmbeddings.AdditionalProperties</c>: the same
/// facts the gateway sends as <c>x-switchyard-*</c> response headers.
/// </summary>
public static class SwitchyardProperties
{
    /// <summary>The provider that served the answer (<c>openai</c>, <c>anthropic</c>, <c>openai-responses</c>).</summary>
    public const string Provider = "switchyard.provider";

    /// <summary>The provider model that served the answer.</summary>
    public const string Model = "switchyard.model";

    /// <summary>The route that served the answer (the model name for a plain provider model).</summary>
    public const string Route = "switchyard.route";

    /// <summary>Upstream attempts made (an <see cref="int"/>).</summary>
    public const string Attempts = "switchyard.attempts";

    /// <summary>The provider's request id.</summary>
    public const string ProviderRequestId = "switchyard.provider_request_id";

    /// <summary>What the request cost in USD, every attempt included (a <see cref="decimal"/>).</summary>
    public const string CostUsd = "switchyard.cost_usd";

    /// <summary>The tightest applicable budget's remaining USD (a <see cref="decimal"/>), when a budget applies.</summary>
    public const string BudgetRemainingUsd = "switchyard.budget_remaining_usd";

    /// <summary>A soft budget this request passed (or the reason it was served by a cheaper route).</summary>
    public const string BudgetWarning = "switchyard.budget_warning";

    /// <summary>How many continuations repaired the stream after upstream breaks (an <see cref="int"/>, streams only).</summary>
    public const string Continuations = "switchyard.continuations";
}
