using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>
/// Model name → <see cref="ModelPrice"/>, with the built-in table of <see cref="DefaultPrices"/> plus configured overrides,
/// and the cost arithmetic. Immutable and thread-safe.
/// </summary>
public sealed class PriceBook
{
    private const decimal PerMillion = 1_000_000m;

    private readonly Dictionary<string, ModelPrice> _prices;

    // Known names longest first, so the first prefix hit is the most specific one ("gpt-4o-mini" before "gpt-4o").
    private readonly string[] _byLengthDescending;

    /// <summary>Creates a price book over the built-in prices.</summary>
    /// <param name="overrides">Prices by exact model name that replace or add to the built-in ones; null for none.</param>
    public PriceBook(IReadOnlyDictionary<string, ModelPrice>? overrides = null)
    {
        _prices = new Dictionary<string, ModelPrice>(DefaultPrices.Table, StringComparer.Ordinal);
        if (overrides is not null)
        {
            foreach (var (model, price) in overrides)
            {
                ArgumentNullException.ThrowIfNull(price);
                _prices[model] = price;
            }
        }

        _byLengthDescending = [.. _prices.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)];
    }

    /// <summary>The built-in prices without overrides.</summary>
    public static PriceBook Default { get; } = new();

    /// <summary>Every known model name (without snapshot dates).</summary>
    public IEnumerable<string> Models => _prices.Keys;

    /// <summary>
    /// The price of <paramref name="model"/>: the exact name, else the longest known name that the model starts with
    /// followed by <c>-</c> (dated snapshots: <c>gpt-4o-2024-08-06</c> → <c>gpt-4o</c>,
    /// <c>gpt-4o-mini-2024-07-18</c> → <c>gpt-4o-mini</c>), else for an OpenAI fine-tune without a price of its own
    /// (<c>ft:gpt-4o-mini:acme::abc123</c>) its base model's. Case-sensitive. Null when unknown.
    /// </summary>
    /// <remarks>
    /// The base price is a floor, not the fine-tune's price (OpenAI charges fine-tuned inference more), but a floor keeps
    /// a fine-tune inside the budgets, where an unknown model would count as free. Price fine-tunes exactly by name.
    /// </remarks>
    public ModelPrice? Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_prices.TryGetValue(model, out var exact))
        {
            return exact;
        }

        foreach (var known in _byLengthDescending)
        {
            if (model.Length > known.Length && model[known.Length] == '-' && model.StartsWith(known, StringComparison.Ordinal))
            {
                return _prices[known];
            }
        }

        return FineTuneBase(model) is { } baseModel ? Find(baseModel) : null;
    }

    // "ft:<base>:<org>:<suffix>:<id>" (and the older "ft:<base>") → "<base>".
    private static string? FineTuneBase(string model)
    {
        if (!model.StartsWith("ft:", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = model.AsSpan(3);
        var end = rest.IndexOf(':');
        var baseModel = end < 0 ? rest : rest[..end];
        return baseModel.Length == 0 ? null : baseModel.ToString();
    }

    /// <summary>
    /// The USD cost of <paramref name="usage"/>: uncached input, cache reads, cache writes and output each at their price.
    /// Output includes reasoning tokens (both providers bill them as output). Batch multiplies by <see cref="ModelPrice.BatchDiscount"/>.
    /// </summary>
    public static decimal Cost(ModelPrice price, TokenUsage usage, bool batch = false)
    {
        ArgumentNullException.ThrowIfNull(price);
        var perMillion = (usage.UncachedInputTokens * price.InputPerMillion)
            + (usage.CachedInputTokens * price.CachedInputPerMillion)
            + (usage.FiveMinuteCacheWriteTokens * price.CacheWritePerMillion)
            + (usage.BilledHourCacheWriteTokens * price.HourCacheWriteRate)
            + (usage.OutputTokens * price.OutputPerMillion);
        return Discounted(price, perMillion / PerMillion, batch);
    }

    /// <summary>
    /// The worst-case USD cost of a request, used for reservations: the full <paramref name="maxOutputTokens"/>
    /// generated, and every input token at the uncached input price — or, when the request asks for prompt caching
    /// (<paramref name="cacheWrite"/>), at the dearer of that and the cache-write price of its longest lifetime, since
    /// the whole prompt may be written to the cache.
    /// </summary>
    public static decimal MaxCost(ModelPrice price, int inputTokens, int maxOutputTokens, bool batch = false, CacheWriteKind cacheWrite = CacheWriteKind.None)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutputTokens);
        var inputRate = cacheWrite switch
        {
            CacheWriteKind.Hour => Math.Max(price.InputPerMillion, price.HourCacheWriteRate),
            CacheWriteKind.FiveMinutes => Math.Max(price.InputPerMillion, price.CacheWritePerMillion),
            _ => price.InputPerMillion,
        };
        var perMillion = (inputTokens * inputRate) + (maxOutputTokens * price.OutputPerMillion);
        return Discounted(price, perMillion / PerMillion, batch);
    }

    private static decimal Discounted(ModelPrice price, decimal cost, bool batch) => batch ? cost * price.BatchDiscount : cost;
}
