using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>
/// With <see cref="SimulatorOptions.AcceptedKeys"/> the simulator accepts only those keys, as a provider accepts only
/// its account's: any other key is 401 in the provider's own words on every API, chat, Responses and batches alike.
/// </summary>
public sealed class ApiKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptedKeys_OtherKey401InEachProvidersWords_AcceptedKeyAnswered()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { AcceptedKeys = new HashSet<string> { "sk-ant-test" } });

        using var openAI = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), Ct);
        using var responses = await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("Hi")), Ct);
        using var batches = await host.Http.SendAsync(SimulatorHost.OpenAIRequest(HttpMethod.Get, "/v1/batches"), Ct);
        using var anthropic = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), Ct);

        foreach (var rejected in new[] { openAI, responses, batches })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
            var error = (await rejected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");
            Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
            Assert.StartsWith("Incorrect API key provided", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, anthropic.StatusCode);
    }

    [Fact]
    public async Task AcceptedKeys_AnthropicOtherKey_401AuthenticationError()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { AcceptedKeys = new HashSet<string> { "sk-test" } });

        using var anthropic = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), Ct);
        using var openAI = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anthropic.StatusCode);
        var body = await anthropic.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("authentication_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, openAI.StatusCode);
    }
}
