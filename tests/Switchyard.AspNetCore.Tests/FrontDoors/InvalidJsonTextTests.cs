using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

/// <summary>
/// Bodies that parse as JSON but hold text no string reader accepts (invalid UTF-8 bytes, lone surrogate escapes) are
/// a 400 in the door's format, not a 500 from the first field read that touches them.
/// </summary>
public sealed class InvalidJsonTextTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    // Each body is a valid request of its door with the text "hi" of the last user turn replaced by {0}.
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"{0}"}]}""";
    private const string Responses = """{"model":"gpt-4o-mini","input":"{0}"}""";
    private const string Messages = """{"model":"claude-haiku-4-5","max_tokens":50,"system":[{"type":"text","text":"{0}"}],"messages":[{"role":"user","content":"hi"}]}""";

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (door, template) in new[] { ("/v1/chat/completions", Chat), ("/v1/responses", Responses), ("/v1/messages", Messages) })
        {
            data.Add(door, template, "ff fe");           // bytes that are never UTF-8
            data.Add(door, template, "ed a0 80");        // a surrogate encoded as UTF-8 (CESU), not valid UTF-8
            data.Add(door, template, @"\ud800");         // a high surrogate escape with no low half
            data.Add(door, template, @"\udfff\ud800");   // halves in the wrong order
            data.Add(door, template, @"\ud800\n");       // a high surrogate followed by another escape
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_StringThatCannotBeRead_Returns400InTheDoorsFormat(string path, string template, string text)
    {
        var before = await harness.SimulatorRequestCountAsync();
        var anthropic = path == "/v1/messages";

        using var response = await PostBytesAsync(path, Body(template, text), anthropic);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = await JsonSerializer.DeserializeAsync<JsonElement>(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);
        if (anthropic)
        {
            Assert.Equal("error", root.GetProperty("type").GetString());
        }

        Assert.Equal("invalid_request_error", root.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(before, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task Post_SurrogatePairEscape_IsServed()
    {
        using var response = await PostBytesAsync("/v1/chat/completions", Body(Chat, @"\ud83d\ude00 and \\ud800"), anthropic: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The template's UTF-8 with {0} replaced by raw bytes (hex pairs) or by escape text as written.</summary>
    private static byte[] Body(string template, string text)
    {
        var inserted = text.Contains('\\', StringComparison.Ordinal)
            ? Encoding.ASCII.GetBytes(text)
            : Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));
        var at = template.IndexOf("{0}", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(template[..at]), .. inserted, .. Encoding.UTF8.GetBytes(template[(at + 3)..])];
    }

    private Task<HttpResponseMessage> PostBytesAsync(string path, byte[] body, bool anthropic)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (anthropic)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", GatewayHarness.Key);
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
        }

        return harness.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
