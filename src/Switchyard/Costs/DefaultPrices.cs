namespace Switchyard.Costs;

/// <summary>
/// Built-in list prices, USD per million tokens, from PROTOCOLS.md §9 (sources there: pydantic/genai-prices @47df840,
/// the providers' pricing pages), as of 2026-08-21. Keys are the API model names without snapshot dates;
/// <see cref="PriceBook.Find"/> maps dated snapshots onto them.
/// </summary>
/// <remarks>
/// OpenAI has no cache-write surcharge, so its write price is the input price. Anthropic's write price is the 5-minute
/// write (1.25× input) and its cached price is the cache read (0.1× input); 1-hour writes (2×) and the Sonnet 4/4.5
/// 1M-context surcharge above 200K input are not modelled. Models §9 marks "to verify" (Sonnet 5, Opus 5.5, …) are left
/// out on purpose, and so is Opus 5: a <c>claude-opus-5</c> key would also price <c>claude-opus-5-5-*</c> snapshots.
/// </remarks>
internal static class DefaultPrices
{
    public static IReadOnlyDictionary<string, ModelPrice> Table { get; } = new Dictionary<string, ModelPrice>(StringComparer.Ordinal)
    {
        // §9.1 OpenAI, standard tier: input, cached input, cache write (= input), output.
        ["gpt-4o"] = new(2.50m, 1.25m, 2.50m, 10.00m),
        ["gpt-4o-mini"] = new(0.15m, 0.075m, 0.15m, 0.60m),
        ["gpt-4.1"] = new(2.00m, 0.50m, 2.00m, 8.00m),
        ["gpt-4.1-mini"] = new(0.40m, 0.10m, 0.40m, 1.60m),
        ["gpt-4.1-nano"] = new(0.10m, 0.025m, 0.10m, 0.40m),
        ["o3"] = new(2.00m, 0.50m, 2.00m, 8.00m),
        ["o4-mini"] = new(1.10m, 0.275m, 1.10m, 4.40m),
        ["gpt-5"] = new(1.25m, 0.125m, 1.25m, 10.00m),

        // Embeddings (input only): https://platform.openai.com/docs/pricing, text-embedding-3-small $0.02 / 1M tokens.
        ["text-embedding-3-small"] = new(0.02m, 0.02m, 0.02m, 0m),
        ["text-embedding-3-large"] = new(0.13m, 0.13m, 0.13m, 0m),

        // §9.2 Anthropic: input, cache read, 5-minute cache write, output.
        ["claude-opus-4-1"] = new(15m, 1.50m, 18.75m, 75m),
        ["claude-opus-4-0"] = new(15m, 1.50m, 18.75m, 75m),
        ["claude-opus-4"] = new(15m, 1.50m, 18.75m, 75m),
        ["claude-opus-4-5"] = new(5m, 0.50m, 6.25m, 25m),
        ["claude-opus-4-6"] = new(5m, 0.50m, 6.25m, 25m),
        ["claude-opus-4-7"] = new(5m, 0.50m, 6.25m, 25m),
        ["claude-opus-4-8"] = new(5m, 0.50m, 6.25m, 25m),
        ["claude-sonnet-4-0"] = new(3m, 0.30m, 3.75m, 15m),
        ["claude-sonnet-4"] = new(3m, 0.30m, 3.75m, 15m),
        ["claude-sonnet-4-5"] = new(3m, 0.30m, 3.75m, 15m),
        ["claude-sonnet-4-6"] = new(3m, 0.30m, 3.75m, 15m),
        ["claude-haiku-4-5"] = new(1m, 0.10m, 1.25m, 5m),
        ["claude-3-5-haiku"] = new(0.80m, 0.08m, 1.00m, 4m),
        ["claude-3-haiku"] = new(0.25m, 0.03m, 0.30m, 1.25m),
    };
}
