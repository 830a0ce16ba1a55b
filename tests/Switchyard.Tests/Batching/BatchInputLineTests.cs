using System.Text;
using Switchyard.Batching;

namespace Switchyard.Tests.Batching;

public sealed class BatchInputLineTests
{
    [Theory]
    [InlineData("""{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"m"}}""", "a")]
    [InlineData("""{"body":{"model":"m"},"custom_id":null}""", null)]
    [InlineData("""{"custom_id":"b","body":{"model":"m"},"extra":[1,2]}""", "b")]
    public void TryParse_ValidEnvelopes_ReturnTheCustomIdAndTheBodySlice(string line, string? customId)
    {
        var bytes = Encoding.UTF8.GetBytes(line);

        Assert.Null(BatchInputLine.TryParse(bytes, out var parsed));

        Assert.Equal(customId, parsed.CustomId);
        Assert.Equal("""{"model":"m"}""", Encoding.UTF8.GetString(bytes, parsed.BodyStart, parsed.BodyLength));
    }

    [Fact]
    public void TryParse_InvalidUtf8InsideTheBody_IsRefused_RatherThanPassedThroughToTheProvider()
    {
        byte[] line = [.. Encoding.UTF8.GetBytes("{\"custom_id\":\"a\",\"body\":{\"messages\":[{\"role\":\"user\",\"content\":\"h"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}]}}")];

        Assert.Equal("not valid UTF-8", BatchInputLine.TryParse(line, out _));
    }

    [Theory]
    [InlineData("""[1]""", "a line must be a JSON object")]
    [InlineData("""{"custom_id":"a","method":"GET","body":{}}""", "method must be \"POST\"")]
    [InlineData("""{"custom_id":"a","url":"/v1/embeddings","body":{}}""", "url must be \"/v1/chat/completions\"")]
    [InlineData("""{"custom_id":7,"body":{}}""", "custom_id must be a string")]
    [InlineData("""{"custom_id":"","body":{}}""", "custom_id must not be empty")]
    [InlineData("""{"custom_id":"a","body":"hi"}""", "body must be a JSON object")]
    [InlineData("""{"custom_id":"a"}""", "body is missing")]
    [InlineData("""{"custom_id":"a","body":{}} {}""", "not valid JSON")]
    [InlineData("""{"custom_id":"a","body":{""", "not valid JSON")]
    public void TryParse_BadEnvelopes_SayWhatIsWrong(string line, string expected)
    {
        var error = BatchInputLine.TryParse(Encoding.UTF8.GetBytes(line), out _);

        Assert.NotNull(error);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("req-1_A", true)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    public void IsAnthropicCustomId_FollowsTheDocumentedCharacterSet(string id, bool valid) =>
        Assert.Equal(valid, BatchInputLine.IsAnthropicCustomId(id));
}
