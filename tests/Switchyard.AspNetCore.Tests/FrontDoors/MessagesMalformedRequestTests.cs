using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

/// <summary>
/// Bad requests on the Anthropic door get an Anthropic error body with the right status and never reach a provider.
/// </summary>
public sealed class MessagesMalformedRequestTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Ok = """{"role":"user","content":"hi"}""";

    public static TheoryData<string, string> BadBodies => new()
    {
        { "empty body", "" },
        { "truncated JSON", """{"model":"claude-haiku-4-5","max_tokens":""" },
        { "array instead of object", "[1,2]" },
        { "missing model", $$"""{"max_tokens":100,"messages":[{{Ok}}]}""" },
        { "model is an object", $$"""{"model":{},"max_tokens":100,"messages":[{{Ok}}]}""" },
        { "missing max_tokens", $$"""{"model":"claude-haiku-4-5","messages":[{{Ok}}]}""" },
        { "max_tokens is a string", $$"""{"model":"claude-haiku-4-5","max_tokens":"100","messages":[{{Ok}}]}""" },
        { "negative max_tokens", $$"""{"model":"claude-haiku-4-5","max_tokens":-5,"messages":[{{Ok}}]}""" },
        { "missing messages", """{"model":"claude-haiku-4-5","max_tokens":100}""" },
        { "messages is a string", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":"hi"}""" },
        { "unknown role", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"robot","content":"hi"}]}""" },
        { "message without content", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user"}]}""" },
        { "content is a number", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":7}]}""" },
        { "block without a type", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":[{"text":"hi"}]}]}""" },
        { "text block without text", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":[{"type":"text"}]}]}""" },
        { "image without source", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":[{"type":"image"}]}]}""" },
        { "tool_use in a user turn", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{}}]}]}""" },
        { "tool_result in an assistant turn", """{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"x"}]}]}""" },
        { "temperature above 1", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"temperature":1.5,"messages":[{{Ok}}]}""" },
        { "stop_sequences is a string", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"stop_sequences":"END","messages":[{{Ok}}]}""" },
        { "tool without input_schema", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"tools":[{"name":"f"}],"messages":[{{Ok}}]}""" },
        { "unknown tool_choice type", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"tool_choice":{"type":"sometimes"},"messages":[{{Ok}}]}""" },
        { "tool_choice tool without name", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"tool_choice":{"type":"tool"},"messages":[{{Ok}}]}""" },
        { "stream is a string", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"stream":"yes","messages":[{{Ok}}]}""" },
        { "system is a number", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"system":5,"messages":[{{Ok}}]}""" },
        { "metadata is a string", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"metadata":"me","messages":[{{Ok}}]}""" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_MalformedBody_Returns400InAnthropicFormatWithoutCallingAProvider(string because, string body)
    {
        var before = await harness.SimulatorRequestCountAsync();

        using var response = await harness.PostAsync("/v1/messages", body, anthropicHeaders: true);

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{because}: got {(int)response.StatusCode}");
        var error = await ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), because);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        Assert.Equal(before, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task Post_UnknownModel_Returns404NotFoundError()
    {
        using var response = await harness.PostAsync("/v1/messages", $$"""{"model":"mistral-large","max_tokens":100,"messages":[{{Ok}}]}""", anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        Assert.Contains("mistral-large", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sy-wrong-key")]
    public async Task Post_MissingOrWrongKey_Returns401AuthenticationError(string? key)
    {
        using var response = await harness.PostAsync("/v1/messages", $$"""{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{{Ok}}]}""", key, anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", (await ReadErrorAsync(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Returns413RequestTooLarge()
    {
        var huge = $$"""{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"{{new string('a', 33 * 1024 * 1024)}}"}]}""";

        using var response = await harness.PostAsync("/v1/messages", huge, anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await ReadErrorAsync(response)).GetProperty("type").GetString());
    }

    private static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = await JsonSerializer.DeserializeAsync<JsonElement>(await response.Content.ReadAsStreamAsync());
        Assert.Equal("error", root.GetProperty("type").GetString());
        return root.GetProperty("error");
    }
}
