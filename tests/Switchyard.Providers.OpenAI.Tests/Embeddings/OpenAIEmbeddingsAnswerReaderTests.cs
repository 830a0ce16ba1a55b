using System.Text;
using Switchyard.Failures;

namespace Switchyard.Providers.OpenAI.Tests.Embeddings;

/// <summary>Checking a provider's embeddings answer, through <see cref="OpenAIChatCodec.ReadEmbeddingAnswer"/>.</summary>
public sealed class OpenAIEmbeddingsAnswerReaderTests
{
    private static CodecResult<EmbeddingAnswer> Read(string body) => OpenAIChatCodec.Instance.ReadEmbeddingAnswer(Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("""{"object":"list","data":[{"index":0,"embedding":[0.1,0.2]},{"index":1,"embedding":"AAAAAA=="}],"model":"text-embedding-3-small","usage":{"prompt_tokens":9,"total_tokens":9}}""", 2, 9)]
    [InlineData("""{"data":[{"embedding":[1]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":0}}""", 1, 0)]
    public void Read_Answer_CountModelAndInputUsage(string body, int count, int tokens)
    {
        var answer = Read(body).Value!;

        Assert.Equal(count, answer.Count);
        Assert.Equal("text-embedding-3-small", answer.Model);
        Assert.Equal((tokens, 0), (answer.Usage!.Value.InputTokens, answer.Usage.Value.OutputTokens));
    }

    [Fact]
    public void Read_NoUsage_UsageNullSoTheEstimateIsBilled()
    {
        Assert.Null(Read("""{"data":[{"embedding":[1]}]}""").Value!.Usage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"data":{}}""")]
    [InlineData("""{"data":[{"index":0}]}""")]
    [InlineData("""{"data":[{"embedding":7}]}""")]
    [InlineData("""{"data":[1]}""")]
    [InlineData("""{"data":[{"embedding":"\udc00"}]}""")]
    public void Read_NotAnAnswer_ServerErrorOfTheProvider(string body)
    {
        var failure = Read(body).Failure!;

        Assert.Equal(FailureKind.ServerError, failure.Kind);
        Assert.Equal("openai", failure.Provider);
    }
}
