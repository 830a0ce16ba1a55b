using System.Globalization;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Deterministic stand-in for an embedding model: a hashed bag of lower-cased words (weight 1) and of their character
/// trigrams (weight 0.5, so "deploy"/"deployment" share features) projected onto the requested dimensions with a hashed
/// sign, then L2-normalized. Texts that share words land near each other (cosine well above unrelated texts), which is
/// what memory recall needs from a simulated provider; there is no model semantics beyond shared surface forms.
/// </summary>
internal static class HashedEmbedding
{
    private const float TrigramWeight = 0.5f;

    /// <summary>The unit vector of <paramref name="text"/> with <paramref name="dimensions"/> components (all zero for text without words).</summary>
    public static float[] Of(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var vector = new float[dimensions];
        foreach (var word in Words(text))
        {
            Add(vector, "w:" + word, 1f);
            var padded = "<" + word + ">";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, string.Concat("g:", padded.AsSpan(i, 3)), TrigramWeight);
            }
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    /// <summary>The vector of a token-id input (OpenAI accepts arrays of token ids): each id counts as one word.</summary>
    public static float[] OfTokens(IReadOnlyList<int> tokens, int dimensions) =>
        Of(string.Join(' ', tokens.Select(t => "t" + t.ToString(CultureInfo.InvariantCulture))), dimensions);

    private static void Add(float[] vector, string feature, float weight)
    {
        var hash = StableHash.Of(feature);
        var index = (int)(hash % (ulong)vector.Length);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
