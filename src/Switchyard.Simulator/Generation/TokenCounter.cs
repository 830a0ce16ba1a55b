using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// o200k_base token counting (the gpt-4o family encoding) shared by both providers: Anthropic has no
/// public tokenizer, and one encoding keeps usage identical for the same conversation in either format.
/// Thread-safe: the tokenizer is immutable once built, and building it is the expensive part.
/// Whole texts are memoized too (up to 16 K characters, 4,096 of each kind): answers are a function of seed, model and
/// conversation, so a load test asks for the same counts on every request, and tokenizing them was half of the
/// simulator's CPU per request (perf, docs/benchmarks.md) — CPU a benchmark on one machine takes from the gateway.
/// </summary>
internal static class TokenCounter
{
    private static readonly Lazy<TiktokenTokenizer> Tokenizer =
        new(() => TiktokenTokenizer.CreateForModel("gpt-4o"), LazyThreadSafetyMode.ExecutionAndPublication);

    // Word pieces are few (word list × casing) and counted over and over while generating.
    private static readonly ConcurrentDictionary<string, int> PieceCounts = new(StringComparer.Ordinal);

    private const int MemoCapacity = 4096;
    private const int MaxMemoizedLength = 16 * 1024;
    private static readonly BoundedMemo<string, int> TextCounts = new(MemoCapacity, StringComparer.Ordinal);
    private static readonly BoundedMemo<(string Text, int MaxTokens), string> Prefixes = new(MemoCapacity);
    private static readonly BoundedMemo<string, int[]> Starts = new(MemoCapacity, StringComparer.Ordinal);

    public static int Count(string text) =>
        text.Length == 0 ? 0
        : text.Length > MaxMemoizedLength ? CountUncached(text)
        : TextCounts.Get(text, CountUncached);

    /// <summary>Counts a pre-tokenizer-aligned piece (" word", ".", ","), memoized.</summary>
    public static int CountPiece(string piece) => PieceCounts.GetOrAdd(piece, CountUncached);

    /// <summary>The longest prefix of <paramref name="text"/> that holds at most <paramref name="maxTokens"/> tokens.</summary>
    public static string Truncate(string text, int maxTokens)
    {
        if (maxTokens <= 0)
        {
            return string.Empty;
        }

        return text.Length > MaxMemoizedLength ? TruncateUncached((text, maxTokens)) : Prefixes.Get((text, maxTokens), TruncateUncached);
    }

    /// <summary>The char offsets at which tokens start; used to cut stream deltas on token boundaries.</summary>
    public static IReadOnlyList<int> TokenStarts(string text) =>
        text.Length > MaxMemoizedLength ? StartsUncached(text) : Starts.Get(text, StartsUncached);

    private static int CountUncached(string text) => Tokenizer.Value.CountTokens(text);

    private static string TruncateUncached((string Text, int MaxTokens) ask)
    {
        var index = Tokenizer.Value.GetIndexByTokenCount(ask.Text, ask.MaxTokens, out _, out _);
        return ask.Text[..Math.Clamp(index, 0, ask.Text.Length)];
    }

    // An array: shared between callers through the memo, which only read it.
    private static int[] StartsUncached(string text)
    {
        var tokens = Tokenizer.Value.EncodeToTokens(text, out _);
        var starts = new List<int>(tokens.Count);
        var last = -1;
        foreach (var token in tokens)
        {
            var start = token.Offset.Start.GetOffset(text.Length);
            // Multi-byte characters can yield several tokens at one offset; a delta must not be empty.
            if (start > last)
            {
                starts.Add(start);
                last = start;
            }
        }

        return [.. starts];
    }
}
