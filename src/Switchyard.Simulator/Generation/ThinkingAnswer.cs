using System.Globalization;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// The thinking block of an Anthropic answer with extended thinking. Like the answer itself, a pure function of seed,
/// model and conversation key (salted <c>"thinking"</c>), so streamed and non-streamed renderings of one request agree.
/// </summary>
internal static class ThinkingAnswer
{
    /// <summary>Raw signature bytes: a real one is ~370 bytes of protobuf (<c>0x12</c>, a length, then opaque bytes).</summary>
    private const int SignatureBytes = 256;

    /// <summary>
    /// Plans the thinking for <paramref name="thinking"/>: the output length range of prose, at most the budget (adaptive:
    /// half of <paramref name="maxTokens"/>), so the answer keeps the rest of max tokens. Null when fewer than 2 tokens fit.
    /// </summary>
    public static PlannedThinking? For(int seed, string model, string conversationKey, ThinkingConfig thinking, int? maxTokens, SimulatorOptions options)
    {
        var limit = thinking.BudgetTokens ?? (maxTokens is { } max ? max / 2 : int.MaxValue);
        if (maxTokens is { } cap)
        {
            limit = Math.Min(limit, cap - 1);
        }

        var prng = new StablePrng(StableHash.Of(seed.ToString(CultureInfo.InvariantCulture), model, conversationKey, "thinking"));
        var length = Math.Min(prng.Next(options.MinOutputTokens, Math.Max(options.MinOutputTokens, options.MaxOutputTokens)), limit);
        if (length < 2)
        {
            return null;
        }

        var text = TextGenerator.Generate(prng, length, leadingSpace: false);
        return new PlannedThinking(text, TokenCounter.Count(text), Signature(prng));
    }

    private static string Signature(StablePrng prng)
    {
        var bytes = new byte[SignatureBytes + 3];
        bytes[0] = 0x12;
        bytes[1] = (byte)(0x80 | (SignatureBytes & 0x7F));
        bytes[2] = SignatureBytes >> 7;
        for (var i = 3; i < bytes.Length; i++)
        {
            bytes[i] = (byte)prng.NextUInt64();
        }

        return Convert.ToBase64String(bytes);
    }
}
