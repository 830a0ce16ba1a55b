using Switchyard.Costs;

namespace Switchyard.Hosting.Configuration;

/// <summary>One route as configured under <c>Switchyard:Routes:&lt;name&gt;</c>.</summary>
public sealed class RouteOptions
{
    /// <summary><c>priority</c> (the default), <c>weighted</c>, <c>lowest-latency</c> or <c>lowest-cost</c>.</summary>
    public string Strategy { get; set; } = "priority";

    /// <summary>Targets in failover order; at least one.</summary>
    public List<RouteTargetOptions> Targets { get; set; } = [];

    /// <summary>Timeout tier name; the default is the table's <c>DefaultTier</c>.</summary>
    public string? Tier { get; set; }

    /// <summary>Cap on upstream attempts per request (retries, fallbacks and hedges). The default is 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Retries of one target for kinds whose action is <c>retry</c>. The default is 1.</summary>
    public int MaxRetriesPerTarget { get; set; } = 1;

    /// <summary>Start the next target when the first has no first token after this many milliseconds; unset disables hedging.</summary>
    public int? HedgeAfterMs { get; set; }

    /// <summary>
    /// Whether a plain-text stream broken after it reached the caller is continued from the text already sent (with
    /// overlap trimming) instead of ended with an error event. The default is true.
    /// </summary>
    public bool Continuation { get; set; } = true;

    /// <summary>
    /// Whether a request from an OpenAI-format client or the library gets prompt-cache breakpoints on its long system
    /// prompt (or tools) and, in a tool loop, its last tool result when a Claude target serves it, so that Claude caches
    /// what OpenAI would have cached by itself.
    /// The default is true.
    /// </summary>
    public bool AutoPromptCache { get; set; } = true;

    /// <summary>Failure kind (e.g. <c>RateLimited</c>) → <c>retry</c>, <c>fallback</c> or <c>failfast</c>, overriding the defaults.</summary>
    public Dictionary<string, string> Fallback { get; set; } = [];
}

/// <summary>One target of a route.</summary>
public sealed class RouteTargetOptions
{
    /// <summary><c>openai</c> or <c>anthropic</c>.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The provider's model name.</summary>
    public string Model { get; set; } = "";

    /// <summary>Relative weight for the weighted strategy. The default is 1.</summary>
    public int Weight { get; set; } = 1;

    /// <summary>Context window in tokens (enables context-too-long fallback to larger windows).</summary>
    public int? ContextWindow { get; set; }

    /// <summary>Timeout tier override for this target.</summary>
    public string? Tier { get; set; }

    /// <summary>Price override for this target (USD per million tokens).</summary>
    public PriceOptions? Price { get; set; }
}

/// <summary>A model price in USD per million tokens.</summary>
public sealed class PriceOptions
{
    /// <summary>Only in <c>Costs:PriceList</c>: the model name this entry prices (any characters, <c>:</c> included).</summary>
    public string? Model { get; set; }

    /// <summary>Uncached input.</summary>
    public decimal Input { get; set; }

    /// <summary>Cache reads; the default is the input price.</summary>
    public decimal? CachedInput { get; set; }

    /// <summary>Cache writes (Anthropic's five-minute writes); the default is the input price.</summary>
    public decimal? CacheWrite { get; set; }

    /// <summary>One-hour cache writes (<c>cache_control.ttl:"1h"</c>); the default is twice the input price, Anthropic's rate.</summary>
    public decimal? CacheWriteHour { get; set; }

    /// <summary>Output.</summary>
    public decimal Output { get; set; }

    /// <summary>Fraction paid on batch APIs. The default is 0.5.</summary>
    public decimal BatchDiscount { get; set; } = 0.5m;

    /// <summary>Whether any value is out of range: a negative price, or a batch discount outside 0–1.</summary>
    public bool IsInvalid =>
        Input < 0 || Output < 0 || CachedInput < 0 || CacheWrite < 0 || CacheWriteHour < 0 || BatchDiscount is < 0 or > 1;

    /// <summary>The engine's price, with the defaults filled in.</summary>
    public ModelPrice ToModelPrice() =>
        new(Input, CachedInput ?? Input, CacheWrite ?? Input, Output) { BatchDiscount = BatchDiscount, HourCacheWritePerMillion = CacheWriteHour };
}

/// <summary>A timeout tier; unset values take the built-in <c>standard</c> tier's.</summary>
public sealed class TimeoutTierOptions
{
    /// <summary>Connect timeout in milliseconds.</summary>
    public int? ConnectMs { get; set; }

    /// <summary>Time to first token in milliseconds (streams).</summary>
    public int? FirstTokenMs { get; set; }

    /// <summary>Time to a non-streaming request's complete answer in milliseconds; unset means the total deadline only.</summary>
    public int? AnswerMs { get; set; }

    /// <summary>Longest gap between stream events in milliseconds.</summary>
    public int? StreamIdleMs { get; set; }

    /// <summary>Total deadline in milliseconds, shared by all attempts.</summary>
    public int? TotalMs { get; set; }
}
