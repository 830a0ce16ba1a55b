using System.Text.RegularExpressions;
using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>
/// The default fact extractor: from user turns only, every sentence that reads as a statement about the user or the
/// world — it ends in <c>.</c> or <c>!</c> (or no mark), is 4–60 words long, and contains a first-person word (I, my,
/// me, we, our) or a linking/possessive verb (is, are, was, were, has, have, am). Questions and assistant text are
/// skipped: the assistant's claims are not facts the user asserted. The whole sentence is stored, so a recalled fact
/// reads the way the user said it. Deterministic and model-free; an LLM extractor can replace it through
/// <see cref="IFactExtractor"/>.
/// </summary>
public sealed partial class SentenceFactExtractor : IFactExtractor
{
    private const int MinWords = 4;
    private const int MaxWords = 60;

    /// <inheritdoc />
    public IReadOnlyList<string> Extract(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Role != ChatRole.User)
        {
            return [];
        }

        var facts = new List<string>();
        foreach (var sentence in TextChunks.Sentences(message.Text))
        {
            if (sentence.EndsWith('?'))
            {
                continue;
            }

            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words is >= MinWords and <= MaxWords && StatementMarker().IsMatch(sentence))
            {
                facts.Add(sentence);
            }
        }

        return facts;
    }

    [GeneratedRegex(@"\b(I|I'm|I've|my|me|we|our|am|is|are|was|were|has|have)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatementMarker();
}
