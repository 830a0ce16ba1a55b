using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A <c>model</c> that no provider's id can look like (a non-ASCII or control character, or thousands of characters) is
/// a 404 <c>model_not_found</c> in the caller's format on every door, before any provider is called. Before, a naming
/// convention claimed it (<c>gpt-*</c>), the provider answered, and the answer was lost to a 500 when the name could not
/// be written into the <c>x-switchyard-model</c> header, or was unreadable for a client's header limit.
/// </summary>
public sealed class ModelNameTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    public static TheoryData<string, string> DoorsAndNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var door in new[] { "/v1/chat/completions", "/v1/messages", "/v1/responses", "/v1/embeddings", "/v1/messages/count_tokens", "/v1/responses/input_tokens" })
        {
            foreach (var name in new[] { "gpt-4o-mini\u00e9", "claude-haiku-4-5\n", "gpt-4o mini", "gpt-" + new string('a', 20_000) })
            {
                data.Add(door, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DoorsAndNames))]
    public async Task Post_ModelNoProviderIdLooksLike_404ModelNotFoundInTheDoorsFormat_NoProviderCalled(string door, string model)
    {
        var anthropic = door.StartsWith("/v1/messages", StringComparison.Ordinal);
        var before = await harness.SimulatorRequestCountAsync();

        using var response = await harness.PostAsync(door, Body(door, model), anthropicHeaders: anthropic);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        if (anthropic)
        {
            Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("model_not_found", error.GetProperty("code").GetString());
            Assert.Equal("model", error.GetProperty("param").GetString());
        }

        Assert.True(text.Length < 1_000, $"The error quotes the whole name: {text.Length} characters.");
        Assert.Equal(before, await harness.SimulatorRequestCountAsync());
    }

    private static string Body(string door, string model) => door switch
    {
        "/v1/messages" => JsonSerializer.Serialize(new { model, max_tokens = 50, messages = new[] { new { role = "user", content = "Hi" } } }),
        "/v1/messages/count_tokens" => JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = "Hi" } } }),
        "/v1/responses" or "/v1/responses/input_tokens" => JsonSerializer.Serialize(new { model, input = "Hi" }),
        "/v1/embeddings" => JsonSerializer.Serialize(new { model, input = "Hi" }),
        _ => JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = "Hi" } } }),
    };
}
