namespace Switchyard.Hosting.Configuration;

/// <summary>Cost controls under <c>Switchyard:Costs</c>.</summary>
public sealed class CostOptions
{
    /// <summary>Price overrides and additions by model name (USD per million tokens); the built-in book covers PROTOCOLS.md §9.</summary>
    public Dictionary<string, PriceOptions> Prices { get; set; } = [];

    /// <summary>
    /// Prices for model names a configuration key cannot hold, each naming its <see cref="PriceOptions.Model"/>: .NET
    /// configuration splits keys at <c>:</c>, so OpenAI fine-tunes (<c>ft:gpt-4o-mini:acme::abc123</c>) are priced here.
    /// </summary>
    public List<PriceOptions> PriceList { get; set; } = [];

    /// <summary>
    /// <c>free</c> (the default) or <c>reject</c>: whether a model without a price counts as free or is refused with 403
    /// <c>model_not_priced</c> (then no spend escapes the budgets).
    /// </summary>
    public string UnpricedModels { get; set; } = "free";

    /// <summary>Largest worst-case cost of one request in USD; unset disables the cap.</summary>
    public decimal? MaxRequestUsd { get; set; }

    /// <summary><c>reject</c> (the default) or <c>clamp-output</c>: what happens above <see cref="MaxRequestUsd"/>.</summary>
    public string RequestCapAction { get; set; } = "reject";

    /// <summary>Seconds a reservation holds budget before it expires by itself. The default is 600.</summary>
    public int ReservationTtlSeconds { get; set; } = 600;

    /// <summary>
    /// Seconds between sweeps that look up every forwarded batch not yet billed and bill the ended ones, so that spend is
    /// recorded even when nobody asks about a batch after it ends. The default is 300; 0 turns the sweep off (batches are
    /// then billed only when a client observes them ended).
    /// </summary>
    public double BatchBillingSweepSeconds { get; set; } = 300;

    /// <summary>Output tokens assumed for the worst case when a request sets no limit. The default is 4096.</summary>
    public int DefaultMaxOutputTokens { get; set; } = 4096;

    /// <summary>Budgets; every applicable one is checked on every request.</summary>
    public List<BudgetOptions> Budgets { get; set; } = [];
}

/// <summary>One budget.</summary>
public sealed class BudgetOptions
{
    /// <summary>Unique name (appears in errors, headers and the admin API).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>global</c>, <c>tenant</c>, <c>key</c> or <c>route</c>.</summary>
    public string Scope { get; set; } = "tenant";

    /// <summary>The tenant / key name / route it applies to; unset applies it to each one separately.</summary>
    public string? Subject { get; set; }

    /// <summary><c>day</c> or <c>month</c> (UTC calendar), or <c>rolling</c> with <see cref="RollingSeconds"/>.</summary>
    public string Window { get; set; } = "day";

    /// <summary>Length of a rolling window in seconds.</summary>
    public int? RollingSeconds { get; set; }

    /// <summary>The limit in USD; required (a budget left without one would be a silent $0 that refuses everything).</summary>
    public decimal? LimitUsd { get; set; }

    /// <summary>Hard budgets refuse requests (429 <c>budget_exceeded</c>); soft ones downgrade or warn. The default is hard.</summary>
    public bool Hard { get; set; } = true;

    /// <summary>Soft budgets: the cheaper route to serve from once exceeded; unset only warns.</summary>
    public string? DowngradeRoute { get; set; }
}

/// <summary>Where the gateway keeps its state.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// SQLite database file (spend ledger, reservations). The default is <c>switchyard.db</c> in the working directory.
    /// The delta log and idempotency records live beside it (<c>*.streams.db</c>), so stream writes never wait on spend.
    /// </summary>
    public string Path { get; set; } = "switchyard.db";

    /// <summary>The idempotency records' file: <see cref="Path"/> with <c>.idempotency.db</c> in place of its extension.</summary>
    public string IdempotencyPath => Path.Contains('=', StringComparison.Ordinal)
        ? "switchyard.idempotency.db"
        : System.IO.Path.ChangeExtension(Path, null) + ".idempotency.db";

    /// <summary>The batch ownership table's file (tenant of each forwarded file and batch): <see cref="Path"/> with <c>.batches.db</c> in place of its extension.</summary>
    public string BatchesPath => Path.Contains('=', StringComparison.Ordinal)
        ? "switchyard.batches.db"
        : System.IO.Path.ChangeExtension(Path, null) + ".batches.db";

    /// <summary>The conversation store's file: <see cref="Path"/> with <c>.conversations.db</c> in place of its extension.</summary>
    public string ConversationsPath => Path.Contains('=', StringComparison.Ordinal)
        ? "switchyard.conversations.db"
        : System.IO.Path.ChangeExtension(Path, null) + ".conversations.db";

    /// <summary>The memory store's file: <see cref="Path"/> with <c>.memory.db</c> in place of its extension (vector indexes in <c>.memory.index/</c>).</summary>
    public string MemoryPath => Path.Contains('=', StringComparison.Ordinal)
        ? "switchyard.memory.db"
        : System.IO.Path.ChangeExtension(Path, null) + ".memory.db";

    /// <summary>The delta log's file: <see cref="Path"/> with <c>.streams.db</c> in place of its extension.</summary>
    public string StreamsPath => Path.Contains('=', StringComparison.Ordinal)
        ? "switchyard.streams.db"
        : System.IO.Path.ChangeExtension(Path, null) + ".streams.db";
}
