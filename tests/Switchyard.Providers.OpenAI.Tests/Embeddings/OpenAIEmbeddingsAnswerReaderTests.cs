using System.Text;
using Switchyard.Failures;

namespace Switchyard.Providers.OpenAI.Tests.Embeddings;

/// <summary>
/// Checking a provider's embeddings answer, through <see cref="OpenAIChatCodec.ReadEmbeddingAnswer"/>, and decoding its
/// vectors for in-process callers, through <see cref="OpenAIChatCodec.ReadEmbeddingVectors"/>.
/// </summary>
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

    [Fact]
    public void ReadVectors_FloatsAndBase64_InIndexOrder()
    {
        // 1.0f and -2.5f as little-endian float32.
        var base64 = Convert.ToBase64String([.. BitConverter.GetBytes(1.0f), .. BitConverter.GetBytes(-2.5f)]);
        var body = $$$"""{"data":[{"index":1,"embedding":"{{{base64}}}"},{"index":0,"embedding":[0.5,0.25]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":4}}""";

        var answer = OpenAIChatCodec.Instance.ReadEmbeddingVectors(Encoding.UTF8.GetBytes(body)).Value!;

        Assert.Equal([0.5f, 0.25f], answer.Vectors[0]);
        Assert.Equal([1.0f, -2.5f], answer.Vectors[1]);
        Assert.Equal("text-embedding-3-small", answer.Model);
        Assert.Equal(4, answer.Usage!.Value.InputTokens);
    }

    [Theory]
    [InlineData("""{"data":[{"index":1,"embedding":[1]}]}""")]
    [InlineData("""{"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]}""")]
    [InlineData("""{"data":[{"embedding":"AAAA"}]}""")] // three bytes: not whole floats
    [InlineData("""{"data":[{"embedding":["x"]}]}""")]
    [InlineData("""{"data":[{"index":0}]}""")]
    public void ReadVectors_NotDecodable_ServerErrorOfTheProvider(string body)
    {
        var failure = OpenAIChatCodec.Instance.ReadEmbeddingVectors(Encoding.UTF8.GetBytes(body)).Failure!;

        Assert.Equal(FailureKind.ServerError, failure.Kind);
        Assert.Equal("openai", failure.Provider);
    }
}
