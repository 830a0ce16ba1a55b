using System.Text;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed class OverlapTrimmerTests
{
    private const string Sent = "The quick brown fox jumps over the lazy dog. It was a sunny day";

    // Pushes the continuation in pieces of the given size (the last may be shorter), then completes.
    private static (string Released, List<string> Chunks) Run(OverlapTrimmer trimmer, string continuation, int size)
    {
        var chunks = new List<string>();
        for (var i = 0; i < continuation.Length; i += size)
        {
            chunks.Add(trimmer.Push(continuation.Substring(i, Math.Min(size, continuation.Length - i))));
        }

        chunks.Add(trimmer.Complete());
        return (string.Concat(chunks), chunks);
    }

    public static TheoryData<int> Sizes => [1, 2, 3, 5, 7, 8, 13, 50, 1000];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Push_NoOverlap_ReleasesEverything(int size)
    {
        var (released, _) = Run(new OverlapTrimmer(Sent), " and the birds sang.", size);
        Assert.Equal(" and the birds sang.", released);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Push_ExactOverlapOfMinimumLength_IsDropped(int size)
    {
        var trimmer = new OverlapTrimmer(Sent);
        var (released, _) = Run(trimmer, "sunny day, warm and bright.", size);
        Assert.Equal(", warm and bright.", released);
        Assert.Equal(9, trimmer.TrimmedCharacters);

        var eight = new OverlapTrimmer("0123456789abcdefgh");
        Assert.Equal("XYZ", Run(eight, "abcdefghXYZ", size).Released);
        Assert.Equal(8, eight.TrimmedCharacters);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Push_LongOverlap_IsDroppedOnce(int size)
    {
        var trimmer = new OverlapTrimmer(Sent);
        var overlap = Sent[^50..];
        var (released, _) = Run(trimmer, overlap + ". " + overlap, size);
        Assert.Equal(". " + overlap, released);
        Assert.Equal(50, trimmer.TrimmedCharacters);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Push_OverlapShorterThanMinimum_IsKept(int size)
    {
        var trimmer = new OverlapTrimmer(Sent);
        var (released, _) = Run(trimmer, " day was long", size);
        Assert.Equal(" day was long", released);
        Assert.Equal(0, trimmer.TrimmedCharacters);
    }

    [Fact]
    public void Push_OverlapLongerThanWindow_IsNotRecognised()
    {
        var options = new OverlapTrimmerOptions { Window = 20 };
        var trimmer = new OverlapTrimmer(Sent, options);
        var (released, _) = Run(trimmer, Sent[^30..] + "!", 4);
        Assert.Equal(Sent[^30..] + "!", released);

        // The longest match inside the window still counts.
        var inWindow = new OverlapTrimmer(Sent, options);
        Assert.Equal("!", Run(inWindow, Sent[^20..] + "!", 4).Released);
        Assert.Equal(20, inWindow.TrimmedCharacters);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Complete_ContinuationShorterThanACandidate_DecidesOnTheLongestFullMatch(int size)
    {
        // "a sunny day" (11) matches in full; "It was a sunny day" would too, but the continuation ended first.
        var trimmer = new OverlapTrimmer(Sent);
        Assert.Equal(string.Empty, Run(trimmer, "a sunny day", size).Released);
        Assert.Equal(11, trimmer.TrimmedCharacters);

        // A prefix of the sent suffix that never completes an overlap is released on Complete.
        var partial = new OverlapTrimmer(Sent);
        Assert.Equal("It was a sun", Run(partial, "It was a sun", size).Released);
        Assert.Equal(0, partial.TrimmedCharacters);
    }

    [Fact]
    public void Push_WhileACandidateIsOpen_HoldsBack_ThenPassesThrough()
    {
        var trimmer = new OverlapTrimmer(Sent);
        Assert.Equal(string.Empty, trimmer.Push("sunny"));
        Assert.False(trimmer.IsDecided);
        Assert.Equal("sunny and warm", trimmer.Push(" and warm"));
        Assert.True(trimmer.IsDecided);
        Assert.Equal(0, trimmer.TrimmedCharacters);
        var delta = " pass-through";
        Assert.Same(delta, trimmer.Push(delta));
        Assert.Equal(string.Empty, trimmer.Complete());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Push_RepeatedPattern_LongestOverlapWins(int size)
    {
        var sent = "xyz" + string.Concat(Enumerable.Repeat("ab", 20));
        var trimmer = new OverlapTrimmer(sent);
        var (released, _) = Run(trimmer, string.Concat(Enumerable.Repeat("ab", 12)) + "c", size);
        Assert.Equal("c", released);
        Assert.Equal(24, trimmer.TrimmedCharacters);

        // Every even k from 8 to 40 matches; the continuation is longer than all of them.
        var all = new OverlapTrimmer(sent);
        Assert.Equal("abababc", Run(all, string.Concat(Enumerable.Repeat("ab", 23)) + "c", size).Released);
        Assert.Equal(40, all.TrimmedCharacters);
    }

    [Fact]
    public void Push_SentShorterThanMinimum_PassesThroughFromTheStart()
    {
        var trimmer = new OverlapTrimmer("Hi");
        Assert.True(trimmer.IsDecided);
        Assert.Equal("Hi there", trimmer.Push("Hi there"));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Push_UnseenWhitespace_IsNotDoubled(int size)
    {
        // A prefill sent "Hello world"; the client already has "Hello world ".
        Assert.Equal("again", Run(new OverlapTrimmer("Hello world ", unseenWhitespace: 1), " again", size).Released);
        Assert.Equal("again", Run(new OverlapTrimmer("Hello world ", unseenWhitespace: 1), "again", size).Released);
        Assert.Equal("## Next", Run(new OverlapTrimmer("Done.\n\n", unseenWhitespace: 2), "\n\n## Next", size).Released);

        // Without unseen whitespace a short whitespace repeat is real text.
        Assert.Equal(" again", Run(new OverlapTrimmer("Hello world "), " again", size).Released);
    }

    [Fact]
    public void Push_SurrogatePairs_AreNeverSplit()
    {
        var trimmer = new OverlapTrimmer("no overlap here");
        Assert.Equal("a", trimmer.Push("a\uD83D"));
        Assert.Equal("\uD83D\uDE00b", trimmer.Push("\uDE00b"));
        Assert.Equal(string.Empty, trimmer.Push("\uD83D"));
        Assert.Equal("\uD83D", trimmer.Complete());
    }

    [Fact]
    public void Push_AfterComplete_Throws()
    {
        var trimmer = new OverlapTrimmer(Sent);
        trimmer.Complete();
        Assert.Throws<InvalidOperationException>(() => trimmer.Push("x"));
        Assert.Equal(string.Empty, trimmer.Complete());
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new OverlapTrimmer(Sent, new OverlapTrimmerOptions { MinOverlap = 0 }));
        Assert.Throws<ArgumentException>(() => new OverlapTrimmer(Sent, new OverlapTrimmerOptions { MinOverlap = 10, Window = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OverlapTrimmer("abc ", unseenWhitespace: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OverlapTrimmer("abc ", unseenWhitespace: 5));
    }

    [Fact]
    public void Push_RandomTextsAndCuts_ReleaseExactlyTheMissingText()
    {
        string[] words = ["the", "a", "of", "model", "stream", "gateway", "token", "résumé", "naïve", "😀", "data", "and", "to", "is", "in", "😀x", "switchyard"];
        var random = new Random(20260314);
        var unambiguous = 0;
        const int Cases = 5000;
        for (var n = 0; n < Cases; n++)
        {
            var text = new StringBuilder();
            var count = random.Next(3, 200);
            for (var w = 0; w < count; w++)
            {
                text.Append(words[random.Next(words.Length)]).Append(random.Next(8) == 0 ? ". " : " ");
            }

            var t = text.ToString();
            var c = random.Next(1, t.Length);
            if (char.IsLowSurrogate(t[c]))
            {
                c--;
            }

            var k = random.Next(4) == 0 ? 0 : random.Next(0, Math.Min(c, 300) + 1);
            if (k > 0 && char.IsLowSurrogate(t[c - k]))
            {
                k--;
            }

            var sent = t[..c];
            var continuation = t[(c - k)..];
            var trimmer = new OverlapTrimmer(sent);
            var released = new StringBuilder();
            for (var i = 0; i < continuation.Length;)
            {
                var size = Math.Min(random.Next(4) == 0 ? 1 : random.Next(1, 40), continuation.Length - i);
                var chunk = trimmer.Push(continuation.Substring(i, size));
                AssertWholeCodePoints(chunk);
                released.Append(chunk);
                i += size;
            }

            released.Append(trimmer.Complete());
            var expected = ReferenceOverlap(sent, continuation, 8, 2048);
            Assert.Equal(continuation[expected..], released.ToString());
            Assert.Equal(expected, trimmer.TrimmedCharacters);
            if (expected == k && (k == 0 || k >= 8))
            {
                Assert.Equal(t, sent + released);
                unambiguous++;
            }
        }

        // Most cases are built so that the constructed overlap is the only one the rule can find.
        Assert.True(unambiguous > Cases * 7 / 10, $"only {unambiguous} unambiguous cases");
    }

    // The rule, by brute force: the longest k ≥ min (within the window, not starting inside a pair) such that the last k
    // characters of sent equal the first k of the continuation.
    private static int ReferenceOverlap(string sent, string continuation, int min, int window)
    {
        var tail = sent.Length <= window ? sent : sent[^window..];
        for (var k = Math.Min(tail.Length, continuation.Length); k >= min; k--)
        {
            if (!char.IsLowSurrogate(tail[^k]) && tail.AsSpan(tail.Length - k).SequenceEqual(continuation.AsSpan(0, k)))
            {
                return k;
            }
        }

        return 0;
    }

    private static void AssertWholeCodePoints(string chunk)
    {
        if (chunk.Length > 0)
        {
            Assert.False(char.IsLowSurrogate(chunk[0]), "a chunk starts inside a surrogate pair");
            Assert.False(char.IsHighSurrogate(chunk[^1]), "a chunk ends inside a surrogate pair");
        }
    }
}
