using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>Documents and files between the canonical <see cref="FilePart"/> and both OpenAI formats.</summary>
public sealed class FilePartTranslationTests
{
    [Fact]
    public void ReadRequest_ChatFilePartWithDataUrl_IsAFilePartWithItsPath()
    {
        var request = OpenAIChatCodec.Instance.ReadRequest("""
            {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"},
              {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}
            """u8.ToArray()).Value!;

        Assert.Equal(
            new FilePart { MediaType = "application/pdf", Base64Data = "JVBERi0=", Filename = "a.pdf", Path = "messages[0].content[1]" },
            request.Messages[0].Content[1]);
    }

    [Fact]
    public void WriteRequest_ChatFilePartReadBack_IsTheSamePart()
    {
        var body = """{"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}"""u8.ToArray();
        var read = OpenAIChatCodec.Instance.ReadRequest(body).Value!;

        var again = OpenAIChatCodec.Instance.ReadRequest(OpenAIChatCodec.Instance.WriteRequest(read, new UpstreamRequestOptions("m", Stream: false))).Value!;

        Assert.Equal(read.Messages[0].Content[0], again.Messages[0].Content[0]);
    }

    [Fact]
    public void WriteRequest_TextDocumentWithTitleAndContext_IsOneTextPartWithAHeading()
    {
        var file = new FilePart { MediaType = "text/plain", Text = "The code is 4711.", Title = "Memo", Context = "Internal" };

        var part = WriteChat(file)[0];

        Assert.Equal("text", part.GetProperty("type").GetString());
        Assert.Equal("# Memo\nInternal\n\nThe code is 4711.", part.GetProperty("text").GetString());
    }

    [Fact]
    public void WriteRequest_PdfWithoutFilename_GetsOneFromItsTitleOrAGenericName()
    {
        var titled = WriteChat(new FilePart { MediaType = "application/pdf", Base64Data = "JVBERi0=", Title = "q3.pdf" })[0].GetProperty("file");
        var untitled = WriteChat(new FilePart { MediaType = "application/pdf", Base64Data = "JVBERi0=" })[0].GetProperty("file");

        Assert.Equal("q3.pdf", titled.GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64,JVBERi0=", titled.GetProperty("file_data").GetString());
        Assert.Equal("document.pdf", untitled.GetProperty("filename").GetString());
    }

    [Fact]
    public void WriteRequest_ResponsesFileByUrl_IsAnInputFileWithFileUrl()
    {
        var request = Request(new FilePart { Url = "https://example.com/a.pdf" });

        var body = JsonDocument.Parse(new OpenAIResponsesCodec().WriteRequest(request, new UpstreamRequestOptions("m", Stream: false))).RootElement;

        var part = body.GetProperty("input")[0].GetProperty("content")[0];
        Assert.Equal("input_file", part.GetProperty("type").GetString());
        Assert.Equal("https://example.com/a.pdf", part.GetProperty("file_url").GetString());
    }

    [Fact]
    public void FindUntranslatable_UrlDocumentToChat_NamesItsPath()
    {
        var request = Request(new FilePart { Url = "https://example.com/a.pdf", Path = "messages.0.content.0" });

        var found = OpenAIChatCodec.Instance.FindUntranslatable(request);

        Assert.Equal("messages.0.content.0", found?.Path);
        Assert.Null(new OpenAIResponsesCodec().FindUntranslatable(request));
    }

    [Fact]
    public void FindUntranslatable_AnthropicFileSourceInAToolResult_IsFound()
    {
        var block = JsonDocument.Parse("""{"type":"image","source":{"type":"file","file_id":"file_011"}}""").RootElement;
        var request = new ChatRequest
        {
            Model = "m",
            Messages = [new ChatMessage(ChatRole.Tool, [new ToolResultPart("toolu_1", [new OpaquePart(block) { Path = "messages.2.content.0.content.1" }])])],
        };

        var found = OpenAIChatCodec.Instance.FindUntranslatable(request);

        Assert.Equal("messages.2.content.0.content.1", found?.Path);
        Assert.Contains("Anthropic Files API id", found!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteToolOutput_ErrorResult_StartsWithError()
    {
        var request = new ChatRequest
        {
            Model = "m",
            Messages = [new ChatMessage(ChatRole.Tool, [new ToolResultPart("call_1", [new TextPart("disk full")], IsError: true)])],
        };

        var body = JsonDocument.Parse(new OpenAIResponsesCodec().WriteRequest(request, new UpstreamRequestOptions("m", Stream: false))).RootElement;

        Assert.Equal("Error: disk full", body.GetProperty("input")[0].GetProperty("output").GetString());
    }

    private static ChatRequest Request(ContentPart part) => new() { Model = "m", Messages = [new ChatMessage(ChatRole.User, [part])] };

    private static JsonElement WriteChat(FilePart file)
    {
        var body = JsonDocument.Parse(OpenAIChatCodec.Instance.WriteRequest(Request(file), new UpstreamRequestOptions("m", Stream: false))).RootElement;
        return body.GetProperty("messages")[0].GetProperty("content");
    }
}
