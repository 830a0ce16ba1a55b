using System.Text;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests.Embeddings;

/// <summary>The embeddings request rules, read through <see cref="OpenAIChatCodec.ReadEmbeddingRequest"/>.</summary>
public sealed class OpenAIEmbeddingsRequestReaderTests
{
    private static CodecResult<EmbeddingRequest> Read(string body) => OpenAIChatCodec.Instance.ReadEmbeddingRequest(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Read_EveryOption_Kept()
    {
        var request = Read("""{"model":"m","input":["a b","c"],"dimensions":256,"encoding_format":"base64","user":"u-1","future":true}""").Value!;

        Assert.Equal("m", request.Model);
        Assert.Equal([new EmbeddingInput("a b", 0), new EmbeddingInput("c", 0)], request.Inputs);
        Assert.Equal(256, request.Dimensions);
        Assert.True(request.Base64);
        Assert.Equal("u-1", request.User);
    }

    [Theory]
    [InlineData("""{"model":"m","input":"one text"}""", 1, 0)]
    [InlineData("""{"model":"m","input":[5,6,7]}""", 1, 3)]
    [InlineData("""{"model":"m","input":[[5,6,7],[8]]}""", 2, 4)]
    [InlineData("""{"model":"m","input":["x","y","z"]}""", 3, 0)]
    public void Read_EachInputShape_CountsInputsAndTokenIds(string body, int inputs, int tokenIds)
    {
        var request = Read(body).Value!;

        Assert.Equal(inputs, request.Inputs.Count);
        Assert.Equal(tokenIds, request.Inputs.Sum(i => i.TokenIds));
        Assert.False(request.Base64);
        Assert.Null(request.Dimensions);
    }

    [Theory]
    [InlineData("""{"input":"x"}""", "model")]
    [InlineData("""{"model":" ","input":"x"}""", "model")]
    [InlineData("""{"model":"m"}""", "input")]
    [InlineData("""{"model":"m","input":""}""", "input")]
    [InlineData("""{"model":"m","input":[]}""", "input")]
    [InlineData("""{"model":"m","input":true}""", "input")]
    [InlineData("""{"model":"m","input":["a",["b"]]}""", "input[1]")]
    [InlineData("""{"model":"m","input":[["b"]]}""", "input[0][0]")]
    [InlineData("""{"model":"m","input":[1,"a"]}""", "input[1]")]
    [InlineData("""{"model":"m","input":[3000000000]}""", "input[0]")]
    [InlineData("""{"model":"m","input":"x","dimensions":0}""", "dimensions")]
    [InlineData("""{"model":"m","input":"x","encoding_format":"float16"}""", "encoding_format")]
    [InlineData("""{"model":"m","input":"x","user":["u"]}""", "user")]
    public void Read_Invalid_InvalidRequestNamingTheParam(string body, string param)
    {
        var result = Read(body);

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, result.Failure.Kind);
        Assert.Equal(param, result.Failure.Param);
    }

    [Fact]
    public void Read_2049Texts_ArrayTooLong_ButOneInputOf2049TokenIdsIsOneInput()
    {
        var texts = Read($$"""{"model":"m","input":[{{string.Join(",", Enumerable.Repeat("\"t\"", 2049))}}]}""");
        var ids = Read($$"""{"model":"m","input":[{{string.Join(",", Enumerable.Repeat("1", 2049))}}]}""");

        Assert.Contains("maximum length 2048", texts.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(2049, Assert.Single(ids.Value!.Inputs).TokenIds);
    }

    [Fact]
    public void Read_LoneSurrogateEscape_InvalidRequestNotAnException()
    {
        var result = Read("""{"model":"m","input":"\ud800"}""");

        Assert.Equal(FailureKind.InvalidRequest, result.Failure!.Kind);
    }
}
