using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Memory;

/// <summary>
/// Sentence splitting and chunking for memories. A regular expression is enough here: the goal is retrievable units of
/// a few sentences, not linguistic accuracy, and the libraries that do better (sentence-boundary models) need a model
/// file the engine does not ship.
/// </summary>
internal static partial class TextChunks
{
    /// <summary>The sentences of <paramref name="text"/>: split after <c>.</c>, <c>!</c> or <c>?</c> followed by whitespace, and at line breaks.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        foreach (var piece in SentenceBoundary().Split(text))
        {
            var sentence = piece.Trim();
            if (sentence.Length > 0)
            {
                yield return sentence;
            }
        }
    }

    /// <summary>Consecutive sentences joined into chunks of at most <paramref name="maxTokens"/> (a longer sentence is its own chunk, cut to fit).</summary>
    public static IReadOnlyList<string> Chunk(string text, int maxTokens)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        var currentTokens = 0;
        foreach (var sentence in Sentences(text))
        {
            var tokens = MemoryTokens.Count(sentence) + 1;
            if (currentTokens > 0 && currentTokens + tokens > maxTokens)
            {
                chunks.Add(current.ToString());
                current.Clear();
                currentTokens = 0;
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(tokens > maxTokens ? Truncate(sentence, maxTokens) : sentence);
            currentTokens += Math.Min(tokens, maxTokens);
        }

        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
        }

        return chunks;
    }

    /// <summary>The longest prefix of <paramref name="text"/> (cut at a character estimate, then shortened) within <paramref name="maxTokens"/>.</summary>
    public static string Truncate(string text, int maxTokens)
    {
        var tokens = MemoryTokens.Count(text);
        var cut = text;
        while (tokens > maxTokens && cut.Length > 0)
        {
            var length = Math.Max(0, Math.Min(cut.Length - 1, (int)((long)cut.Length * maxTokens / Math.Max(tokens, 1)) - 1));
            cut = cut[..length];
            tokens = MemoryTokens.Count(cut);
        }

        return cut;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\r?\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBoundary();
}
