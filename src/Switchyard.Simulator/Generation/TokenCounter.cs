using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// o200k_base token counting (the gpt-4o family encoding) shared by both providers: Anthropic has no
/// public tokenizer, and one encoding keeps usage identical for the same conversation in either format.
/// Thread-safe: the tokenizer is immutable once built, and building it is the expensive part.
/// </summary>
internal static class TokenCounter
{
    private static readonly Lazy<TiktokenTokenizer> Tokenizer =
        new(() => TiktokenTokenizer.CreateForModel("gpt-4o"), LazyThreadSafetyMode.ExecutionAndPublication);

    // Word pieces are few (word list × casing) and counted over and over while generating.
    private static readonly ConcurrentDictionary<string, int> PieceCounts = new(StringComparer.Ordinal);

    public static int Count(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);

    /// <summary>Counts a pre-tokenizer-aligned piece (" word", ".", ","), memoized.</summary>
    public static int CountPiece(string piece) => PieceCounts.GetOrAdd(piece, Count);

    /// <summary>The longest prefix of <paramref name="text"/> that holds at most <paramref name="maxTokens"/> tokens.</summary>
    public static string Truncate(string text, int maxTokens)
    {
        if (maxTokens <= 0)
        {
            return string.Empty;
        }

        var index = Tokenizer.Value.GetIndexByTokenCount(text, maxTokens, out _, out _);
        return text[..Math.Clamp(index, 0, text.Length)];
    }

    /// <summary>The char offsets at which tokens start; used to cut stream deltas on token boundaries.</summary>
    public static IReadOnlyList<int> TokenStarts(string text)
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

        return starts;
    }
}
