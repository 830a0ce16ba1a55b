using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Translation;

/// <summary>
/// Documents, files, audio and tool-result images crossing formats: each reaches the other provider in that provider's
/// shape, or the caller gets a 400 in its own format naming the part, and nothing is sent. Raw JSON bodies, since the
/// SDKs' typed builders cannot express every source kind (text, url and file documents, file ids, data URLs).
/// </summary>
public sealed class FileContentTranslationTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    // "%PDF-1.4" and a little more, enough to be a plausible PDF payload.
    private const string PdfBase64 = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnthropicDoor_TextDocumentToOpenAI_ArrivesAsTextWithItsTitle()
    {
        var upstream = await SendAnthropicAsync("""
            [{"type":"document","title":"Vault memo","context":"Internal only","source":{"type":"text","media_type":"text/plain","data":"The secret code is 4711."}},
             {"type":"text","text":"What is the code?"}]
            """);

        var parts = upstream.GetProperty("messages")[0].GetProperty("content");
        var document = parts[0].GetProperty("text").GetString()!;
        Assert.Contains("The secret code is 4711.", document, StringComparison.Ordinal);
        Assert.Contains("Vault memo", document, StringComparison.Ordinal);
        Assert.Contains("Internal only", document, StringComparison.Ordinal);
        Assert.Equal("What is the code?", parts[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task AnthropicDoor_DocumentOnly_IsServedNotAnEmptyMessagesError()
    {
        var upstream = await SendAnthropicAsync("""
            [{"type":"document","source":{"type":"text","media_type":"text/plain","data":"The secret code is 4711."}}]
            """);

        Assert.Contains("4711", upstream.GetProperty("messages")[0].GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicDoor_Base64PdfToOpenAI_ArrivesAsAChatFilePart()
    {
        var upstream = await SendAnthropicAsync($$$"""
            [{"type":"document","title":"report.pdf","source":{"type":"base64","media_type":"application/pdf","data":"{{{PdfBase64}}}"}},
             {"type":"text","text":"Summarise it."}]
            """);

        var file = upstream.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("file", file.GetProperty("type").GetString());
        Assert.Equal("report.pdf", file.GetProperty("file").GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64," + PdfBase64, file.GetProperty("file").GetProperty("file_data").GetString());
    }

    [Theory]
    [InlineData("""{"type":"image","source":{"type":"file","file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}}""", "messages.0.content.0")]
    [InlineData("""{"type":"document","source":{"type":"file","file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}}""", "messages.0.content.0")]
    [InlineData("""{"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}""", "messages.0.content.0")]
    public async Task AnthropicDoor_SourceOpenAICannotTake_IsAnAnthropic400NamingIt(string block, string path)
    {
        await harness.ResetSimulatorAsync();

        using var response = await harness.PostAsync("/v1/messages", AnthropicBody($"[{block},{{\"type\":\"text\",\"text\":\"Describe it.\"}}]"), anthropicHeaders: true);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(path, error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task AnthropicDoor_ToolResultWithImageAndError_KeepsBothOnOpenAI()
    {
        var body = """
            {"model":"gpt-4o-mini","max_tokens":64,"messages":[
              {"role":"user","content":"Take a screenshot."},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"screenshot","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":[
                {"type":"text","text":"display half rendered"},
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}],
             "tools":[{"name":"screenshot","input_schema":{"type":"object"}}]}
            """;

        var upstream = await SendAsync("/v1/messages", body, anthropic: true);

        var messages = upstream.GetProperty("messages");
        var tool = messages[2];
        Assert.Equal("tool", tool.GetProperty("role").GetString());
        Assert.StartsWith("Error: ", tool.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("display half rendered", tool.GetProperty("content").GetString(), StringComparison.Ordinal);
        var images = messages[3];
        Assert.Equal("user", images.GetProperty("role").GetString());
        Assert.Contains(images.GetProperty("content").EnumerateArray(), p => p.GetProperty("type").GetString() == "image_url"
            && p.GetProperty("image_url").GetProperty("url").GetString() == "data:image/png;base64,iVBORw0KGgo=");
    }

    [Fact]
    public async Task ResponsesDoor_InputFileToChat_ArrivesAsAFilePart()
    {
        var body = $$"""
            {"model":"gpt-4o-mini","input":[{"type":"message","role":"user","content":[
              {"type":"input_file","filename":"report.pdf","file_data":"data:application/pdf;base64,{{PdfBase64}}"}]}]}
            """;

        var upstream = await SendAsync("/v1/responses", body);

        var file = upstream.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("file", file.GetProperty("type").GetString());
        Assert.Equal("report.pdf", file.GetProperty("file").GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64," + PdfBase64, file.GetProperty("file").GetProperty("file_data").GetString());
    }

    [Fact]
    public async Task ResponsesDoor_InputFileIdToChat_ArrivesAsAFileIdPart()
    {
        var body = """
            {"model":"gpt-4o-mini","input":[{"type":"message","role":"user","content":[
              {"type":"input_file","file_id":"file-abc123"},{"type":"input_text","text":"Summarise it."}]}]}
            """;

        var upstream = await SendAsync("/v1/responses", body);

        var file = upstream.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("file", file.GetProperty("type").GetString());
        Assert.Equal("file-abc123", file.GetProperty("file").GetProperty("file_id").GetString());
    }

    [Fact]
    public async Task ChatDoor_PdfFilePartToClaude_ArrivesAsADocument()
    {
        var body = $$$"""
            {"model":"claude-haiku-4-5","messages":[{"role":"user","content":[
              {"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,{{{PdfBase64}}}"}},
              {"type":"text","text":"Summarise it."}]}]}
            """;

        var upstream = await SendAsync("/v1/chat/completions", body);

        var document = upstream.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("document", document.GetProperty("type").GetString());
        Assert.Equal("base64", document.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("application/pdf", document.GetProperty("source").GetProperty("media_type").GetString());
        Assert.Equal(PdfBase64, document.GetProperty("source").GetProperty("data").GetString());
    }

    [Fact]
    public async Task ResponsesDoor_PdfInputFileToClaude_ArrivesAsADocument()
    {
        var body = $$"""
            {"model":"claude-haiku-4-5","input":[{"type":"message","role":"user","content":[
              {"type":"input_file","filename":"report.pdf","file_data":"data:application/pdf;base64,{{PdfBase64}}"}]}]}
            """;

        var upstream = await SendAsync("/v1/responses", body);

        var document = upstream.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("document", document.GetProperty("type").GetString());
        Assert.Equal(PdfBase64, document.GetProperty("source").GetProperty("data").GetString());
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc123"}},{"type":"text","text":"hi"}]}]}""", "messages[0].content[0]")]
    [InlineData("/v1/chat/completions", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},{"type":"text","text":"hi"}]}]}""", "messages[0].content[0]")]
    [InlineData("/v1/chat/completions", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":[{"type":"file","file":{"filename":"a.zip","file_data":"data:application/zip;base64,UEsDBA=="}},{"type":"text","text":"hi"}]}]}""", "messages[0].content[0]")]
    [InlineData("/v1/responses", """{"model":"claude-haiku-4-5","input":[{"type":"message","role":"user","content":[{"type":"input_file","file_id":"file-abc123"}]}]}""", "input[0].content[0]")]
    public async Task OpenAIDoors_PartClaudeCannotTake_IsAnOpenAI400NamingIt(string path, string body, string param)
    {
        await harness.ResetSimulatorAsync();

        using var response = await harness.PostAsync(path, body);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = error.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", detail.GetProperty("type").GetString());
        Assert.Equal(param, detail.GetProperty("param").GetString());
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Theory]
    [InlineData("gpt-4o-mini", "\"functions\":[{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]", "functions")]
    [InlineData("claude-haiku-4-5", "\"functions\":[{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]", "functions")]
    [InlineData("claude-haiku-4-5", "\"function_call\":\"auto\"", "function_call")]
    [InlineData("gpt-4o-mini", "\"function_call\":{\"name\":\"f\"}", "function_call")]
    public async Task ChatDoor_LegacyFunctions_AreRefusedOnEveryRoute(string model, string field, string param)
    {
        await harness.ResetSimulatorAsync();

        using var response = await harness.PostAsync("/v1/chat/completions", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],{{field}}}""");
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = error.RootElement.GetProperty("error");
        Assert.Equal(param, detail.GetProperty("param").GetString());
        Assert.Contains("deprecated", detail.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    private static string AnthropicBody(string content) =>
        $$"""{"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":{{content}}}]}""";

    private Task<JsonElement> SendAnthropicAsync(string content) => SendAsync("/v1/messages", AnthropicBody(content), anthropic: true);

    /// <summary>Posts <paramref name="body"/>, expects a 200, and returns the one body the simulator received.</summary>
    private async Task<JsonElement> SendAsync(string path, string body, bool anthropic = false)
    {
        await harness.ResetSimulatorAsync();

        using var response = await harness.PostAsync(path, body, anthropicHeaders: anthropic);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var sent = await harness.SimulatorRequestsAsync();
        return Assert.Single(sent).Body;
    }
}
