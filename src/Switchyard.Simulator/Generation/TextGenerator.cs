using System.Text;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Builds readable pseudo-English of an exact o200k token length.
/// </summary>
/// <remarks>
/// The text is assembled from pieces that each form one pre-tokenizer chunk (" word", "Word", ",", "."),
/// and BPE never merges across chunks, so the token count of the text is the sum of the pieces' counts.
/// That makes the length exact without re-tokenizing the growing text.
/// </remarks>
internal static class TextGenerator
{
    /// <summary>Generates text of exactly <paramref name="tokens"/> tokens (minimum 2) ending with a period.</summary>
    /// <param name="prng">Source of choices; consumed.</param>
    /// <param name="tokens">Target length in tokens.</param>
    /// <param name="leadingSpace">Whether the first word carries a leading space (a continuation of earlier text).</param>
    public static string Generate(StablePrng prng, int tokens, bool leadingSpace)
    {
        tokens = Math.Max(tokens, 2);
        var builder = new StringBuilder(tokens * 6);
        var used = 0;
        var wordsInSentence = 0;
        var sentenceLength = prng.Next(6, 16);
        var period = TokenCounter.CountPiece(".");

        while (true)
        {
            var remaining = tokens - used - period;
            if (remaining <= 0)
            {
                break;
            }

            var sentenceStart = wordsInSentence == 0;
            var word = prng.Pick(WordList.Words);
            var piece = Render(word, sentenceStart, builder.Length == 0 && !leadingSpace);
            var cost = TokenCounter.CountPiece(piece);
            if (cost > remaining)
            {
                piece = Render(prng.Pick(WordList.Fillers), sentenceStart, builder.Length == 0 && !leadingSpace);
                cost = TokenCounter.CountPiece(piece);
                if (cost > remaining)
                {
                    break;
                }
            }

            builder.Append(piece);
            used += cost;
            wordsInSentence++;

            // End sentences (or add a comma) only when there is room for another word afterwards.
            if (wordsInSentence >= sentenceLength && tokens - used - period > 2)
            {
                builder.Append('.');
                used += period;
                wordsInSentence = 0;
                sentenceLength = prng.Next(6, 16);
            }
            else if (wordsInSentence == 4 && prng.Next(0, 3) == 0 && tokens - used - period > 2)
            {
                builder.Append(',');
                used += TokenCounter.CountPiece(",");
            }
        }

        builder.Append('.');
        return builder.ToString();
    }

    private static string Render(string word, bool capitalize, bool first)
    {
        var text = capitalize ? string.Concat(char.ToUpperInvariant(word[0]).ToString(), word.AsSpan(1)) : word;
        return first ? text : " " + text;
    }
}
