using Microsoft.ML.Tokenizers;
using Switchyard.Costs;

namespace Switchyard.Tests.Costs;

public sealed class TokenCountCacheTests
{
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    private static string Text(int i) => $"Message {i}: the quarterly numbers, the shipping delays and the refund the customer asked about.";

    [Fact]
    public void GetOrCount_ManyTextsPastCapacity_EveryCountEqualsTheTokenizers()
    {
        var cache = new TokenCountCache(capacity: 8);

        // Twice over 20 texts with room for 8: hits, misses and the starting over all give the tokenizer's count.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(O200k.CountTokens(Text(i)), cache.GetOrCount(O200k, 0, Text(i)));
            }
        }
    }

    [Fact]
    public void GetOrCount_SameTextOtherEncoding_CountedSeparately()
    {
        var cache = new TokenCountCache(capacity: 8);
        var text = string.Concat(Enumerable.Repeat("naïve café résumé 東京 ", 8));
        var cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base");

        var o200k = cache.GetOrCount(O200k, 0, text);
        var other = cache.GetOrCount(cl100k, 1, text);

        Assert.Equal(O200k.CountTokens(text), o200k);
        Assert.Equal(cl100k.CountTokens(text), other);
        Assert.NotEqual(o200k, other);
    }

    [Fact]
    public void EstimateInputTokens_SameLongConversationTwice_SameEstimate()
    {
        var request = new Switchyard.Model.ChatRequest
        {
            Model = "gpt-4o-mini",
            Messages = [.. Enumerable.Range(0, 6).Select(i => Switchyard.Model.ChatMessage.FromText(Switchyard.Model.ChatRole.User, Text(i)))],
        };

        var first = TokenEstimator.Instance.EstimateInputTokens(request, "gpt-4o-mini");
        var second = TokenEstimator.Instance.EstimateInputTokens(request, "gpt-4o-mini");

        Assert.Equal(first, second);
        Assert.Equal(TokenEstimator.ReplyPriming + Enumerable.Range(0, 6).Sum(i => TokenEstimator.PerMessageOverhead + O200k.CountTokens(Text(i))), first);
    }
}
