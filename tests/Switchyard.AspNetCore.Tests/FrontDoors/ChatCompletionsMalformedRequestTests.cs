using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

/// <summary>
/// Bad requests on the OpenAI door get an OpenAI error body with the right status and never reach a provider.
/// </summary>
public sealed class ChatCompletionsMalformedRequestTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Ok = """{"role":"user","content":"hi"}""";

    public static TheoryData<string, string, string?> BadBodies => new()
    {
        { "empty body", "", null },
        { "truncated JSON", """{"model":"gpt-4o","messages":[""", null },
        { "array instead of object", "[]", null },
        { "string instead of object", "\"hello\"", null },
        { "missing model", $$"""{"messages":[{{Ok}}]}""", "model" },
        { "model is a number", $$"""{"model":4,"messages":[{{Ok}}]}""", "model" },
        { "missing messages", """{"model":"gpt-4o"}""", "messages" },
        { "messages is an object", """{"model":"gpt-4o","messages":{}}""", "messages" },
        { "messages is empty", """{"model":"gpt-4o","messages":[]}""", "messages" },
        { "message without role", """{"model":"gpt-4o","messages":[{"content":"hi"}]}""", "messages" },
        { "unknown role", """{"model":"gpt-4o","messages":[{"role":"robot","content":"hi"}]}""", "messages" },
        { "content is a number", """{"model":"gpt-4o","messages":[{"role":"user","content":42}]}""", "messages" },
        { "unknown content part", """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"hologram"}]}]}""", "messages" },
        { "image part without url", """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]}""", "messages" },
        { "tool message without tool_call_id", """{"model":"gpt-4o","messages":[{"role":"tool","content":"x"}]}""", "messages" },
        { "temperature above 2", $$"""{"model":"gpt-4o","temperature":3,"messages":[{{Ok}}]}""", "temperature" },
        { "temperature is a string", $$"""{"model":"gpt-4o","temperature":"hot","messages":[{{Ok}}]}""", "temperature" },
        { "top_p above 1", $$"""{"model":"gpt-4o","top_p":2,"messages":[{{Ok}}]}""", "top_p" },
        { "negative max_tokens", $$"""{"model":"gpt-4o","max_tokens":-1,"messages":[{{Ok}}]}""", "max_tokens" },
        { "max_completion_tokens is a string", $$"""{"model":"gpt-4o","max_completion_tokens":"many","messages":[{{Ok}}]}""", "max_completion_tokens" },
        { "stream is a string", $$"""{"model":"gpt-4o","stream":"yes","messages":[{{Ok}}]}""", "stream" },
        { "stream_options without stream", $$"""{"model":"gpt-4o","stream_options":{"include_usage":true},"messages":[{{Ok}}]}""", "stream_options" },
        { "tool without function", $$"""{"model":"gpt-4o","tools":[{"type":"function"}],"messages":[{{Ok}}]}""", "tools" },
        { "tool name with spaces", $$$"""{"model":"gpt-4o","tools":[{"type":"function","function":{"name":"get weather"}}],"messages":[{{{Ok}}}]}""", "tools" },
        { "unknown tool_choice", $$"""{"model":"gpt-4o","tool_choice":"sometimes","messages":[{{Ok}}]}""", "tool_choice" },
        { "five stop sequences", $$"""{"model":"gpt-4o","stop":["a","b","c","d","e"],"messages":[{{Ok}}]}""", "stop" },
        { "n above 1", $$"""{"model":"gpt-4o","n":2,"messages":[{{Ok}}]}""", "n" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_MalformedBody_Returns400InOpenAIFormatWithoutCallingAProvider(string because, string body, string? param)
    {
        var before = await harness.SimulatorRequestCountAsync();

        using var response = await harness.PostAsync("/v1/chat/completions", body);

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{because}: got {(int)response.StatusCode}");
        var error = await ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), because);
        if (param is not null)
        {
            Assert.StartsWith(param, error.GetProperty("param").GetString() ?? "", StringComparison.Ordinal);
        }

        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        Assert.Equal(before, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task Post_UnknownModel_Returns404ModelNotFound()
    {
        using var response = await harness.PostAsync("/v1/chat/completions", $$"""{"model":"llama-3-70b","messages":[{{Ok}}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Contains("llama-3-70b", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sy-wrong-key")]
    public async Task Post_MissingOrWrongKey_Returns401(string? key)
    {
        using var response = await harness.PostAsync("/v1/chat/completions", $$"""{"model":"gpt-4o","messages":[{{Ok}}]}""", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Returns413()
    {
        var huge = $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"{{new string('a', 33 * 1024 * 1024)}}"}]}""";

        using var response = await harness.PostAsync("/v1/chat/completions", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Contains("limit", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = await JsonSerializer.DeserializeAsync<JsonElement>(await response.Content.ReadAsStreamAsync());
        var error = root.GetProperty("error");
        foreach (var key in new[] { "message", "type", "param", "code" })
        {
            Assert.True(error.TryGetProperty(key, out _), $"OpenAI error bodies always carry '{key}'");
        }

        return error;
    }
}
