using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>
/// A Responses object echoes <c>instructions</c> as the request sent them, as OpenAI does: not merged with the system
/// and developer input items after them, and not a previous response's (OpenAI does not carry those over), on either
/// provider.
/// </summary>
public sealed class ResponsesInstructionsEchoTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData("claude-haiku-4-5")]
    public async Task Post_InstructionsAndSystemInputItems_EchoesOnlyTheInstructions(string model)
    {
        var created = await PostAsync($$"""{"model":"{{model}}","instructions":"ins","max_output_tokens":20,"input":[{"role":"developer","content":"dev"},{"role":"system","content":"sys2"},{"role":"user","content":"hi"}]}""");

        Assert.Equal("ins", created.GetProperty("instructions").GetString());
    }

    [Fact]
    public async Task Post_ChainedWithoutInstructions_EchoesNull_NotThePreviousOnes()
    {
        var first = await PostAsync("""{"model":"gpt-4o-mini","instructions":"be brief","max_output_tokens":20,"input":"hi"}""");
        var second = await PostAsync($$"""{"model":"gpt-4o-mini","previous_response_id":"{{first.GetProperty("id").GetString()}}","max_output_tokens":20,"input":"and again"}""");

        Assert.Equal("be brief", first.GetProperty("instructions").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("instructions").ValueKind);
    }

    [Fact]
    public async Task Get_AStoredResponse_EchoesItsInstructionsAsSent()
    {
        var created = await PostAsync("""{"model":"claude-haiku-4-5","instructions":"ins","max_output_tokens":20,"input":[{"role":"system","content":"sys2"},{"role":"user","content":"hi"}]}""");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, "/v1/responses/" + created.GetProperty("id").GetString()));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
        using var response = await harness.Http.SendAsync(request, Ct);
        var stored = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ins", stored.GetProperty("instructions").GetString());
    }

    private async Task<JsonElement> PostAsync(string body)
    {
        using var response = await harness.PostAsync("/v1/responses", body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
