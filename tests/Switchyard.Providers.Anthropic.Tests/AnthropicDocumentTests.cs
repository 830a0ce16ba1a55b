using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers.Anthropic;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>Documents between Anthropic's <c>document</c> block and the canonical <see cref="FilePart"/>.</summary>
public sealed class AnthropicDocumentTests
{
    [Fact]
    public void ReadRequest_TextDocument_IsAFilePartWithTitleContextAndPath()
    {
        var request = Read("""[{"type":"document","title":"Memo","context":"Internal","citations":{"enabled":true},"source":{"type":"text","media_type":"text/plain","data":"4711"}}]""");

        var file = Assert.IsType<FilePart>(request.Messages[0].Content[0]);
        Assert.Equal(("4711", "Memo", "Internal", "messages.0.content.0"), (file.Text, file.Title, file.Context, file.Path));
        Assert.True(file.Citations!.Value.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void ReadRequest_FileSourceDocument_StaysOpaqueWithItsPath()
    {
        var request = Read("""[{"type":"text","text":"x"},{"type":"document","source":{"type":"file","file_id":"file_011"}}]""");

        Assert.Equal("messages.0.content.1", Assert.IsType<OpaquePart>(request.Messages[0].Content[1]).Path);
    }

    [Fact]
    public void WriteRequest_DocumentReadBack_IsTheSameBlock()
    {
        var block = """{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="},"title":"q3.pdf","context":"Quarterly","citations":{"enabled":true},"cache_control":{"type":"ephemeral"}}""";
        var request = Read($"[{block}]");

        var written = JsonDocument.Parse(AnthropicMessagesCodec.Instance.WriteRequest(request, new UpstreamRequestOptions("claude-haiku-4-5", Stream: false))).RootElement;

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(block).RootElement, written.GetProperty("messages")[0].GetProperty("content")[0]));
    }

    [Fact]
    public void WriteRequest_PlainTextDataUrlFile_IsATextDocument()
    {
        var request = new ChatRequest
        {
            Model = "m",
            Messages = [new ChatMessage(ChatRole.User, [new FilePart { MediaType = "text/plain", Base64Data = "aGVsbG8=", Filename = "a.txt" }])],
        };

        var written = JsonDocument.Parse(AnthropicMessagesCodec.Instance.WriteRequest(request, new UpstreamRequestOptions("claude-haiku-4-5", Stream: false))).RootElement;

        var document = written.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("text", document.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("hello", document.GetProperty("source").GetProperty("data").GetString());
        Assert.Equal("a.txt", document.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("file-abc", null, null)]
    [InlineData(null, "application/zip", "UEsDBA==")]
    [InlineData(null, "text/plain", "not base64!")]
    public void FindUntranslatable_FileClaudeCannotRead_IsFound(string? fileId, string? mediaType, string? data)
    {
        var request = new ChatRequest
        {
            Model = "m",
            Messages = [new ChatMessage(ChatRole.User, [new FilePart { OpenAIFileId = fileId, MediaType = mediaType, Base64Data = data, Path = "messages[0].content[0]" }])],
        };

        Assert.Equal("messages[0].content[0]", AnthropicMessagesCodec.Instance.FindUntranslatable(request)?.Path);
    }

    private static ChatRequest Read(string content) =>
        AnthropicMessagesCodec.Instance.ReadRequest(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":{{content}}}]}""")).Value!;
}
