using System.Text;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests.Embeddings;

/// <summary>Writing an in-process caller's embeddings request, through <see cref="OpenAIChatCodec.WriteEmbeddingRequest"/>.</summary>
public sealed class OpenAIEmbeddingsRequestWriterTests
{
    [Fact]
    public void Write_ReadsBackAsTheDoorReadsIt()
    {
        var request = new EmbeddingRequest("embed", [new EmbeddingInput("first \"text\"", 0), new EmbeddingInput("second", 0)]) { Dimensions = 256, Base64 = true, User = "u-1" };

        var body = OpenAIChatCodec.Instance.WriteEmbeddingRequest(request);
        var read = OpenAIChatCodec.Instance.ReadEmbeddingRequest(body).Value!;

        Assert.Equal("""{"model":"embed","input":["first \u0022text\u0022","second"],"dimensions":256,"encoding_format":"base64","user":"u-1"}""", Encoding.UTF8.GetString(body));
        Assert.Equal(request.Model, read.Model);
        Assert.Equal(request.Inputs, read.Inputs);
        Assert.Equal((256, true, "u-1"), (read.Dimensions, read.Base64, read.User));
    }

    [Fact]
    public void Write_TokenIdInputs_AreRefused()
    {
        var request = new EmbeddingRequest("embed", [new EmbeddingInput(null, 3)]);

        Assert.Throws<ArgumentException>(() => OpenAIChatCodec.Instance.WriteEmbeddingRequest(request));
    }
}
