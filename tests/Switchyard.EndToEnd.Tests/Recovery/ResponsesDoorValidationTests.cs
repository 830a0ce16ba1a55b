using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>Bad input on the Responses door: a clear OpenAI-format error, never a 500, and no provider call.</summary>
public sealed class ResponsesDoorValidationTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    public static TheoryData<string, HttpStatusCode, string?> Bodies => new()
    {
        { "{", HttpStatusCode.BadRequest, null },
        { "[]", HttpStatusCode.BadRequest, null },
        { """{"input":"hi"}""", HttpStatusCode.BadRequest, "model" },
        { """{"model":"gpt-4o-mini"}""", HttpStatusCode.BadRequest, "input" },
        { """{"model":"gpt-4o-mini","input":"hi","max_output_tokens":3}""", HttpStatusCode.BadRequest, "max_output_tokens" },
        { """{"model":"gpt-4o-mini","input":"hi","background":true,"store":false}""", HttpStatusCode.BadRequest, "store" },
        { """{"model":"gpt-4o-mini","input":[{"type":"mystery"}]}""", HttpStatusCode.BadRequest, "input[0].type" },
        { """{"model":"gpt-4o-mini","input":"hi","tools":[{"type":"web_search"}]}""", HttpStatusCode.BadRequest, null },
        { """{"model":"gpt-4o-mini","input":"hi","previous_response_id":"resp_x"}""", HttpStatusCode.NotFound, "previous_response_id" },
        { """{"model":"no-such-model","input":"hi"}""", HttpStatusCode.NotFound, "model" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Post_InvalidBody_IsAnOpenAIErrorAndNothingIsSent(string body, HttpStatusCode status, string? param)
    {
        await harness.ResetSimulatorAsync();

        using var response = await harness.PostAsync("/v1/responses", body);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(status, response.StatusCode);
        var detail = error.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("message").GetString()));
        if (param is not null)
        {
            Assert.Equal(param, detail.GetProperty("param").GetString());
        }

        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Theory]
    [InlineData("/v1/responses/resp_doesnotexist")]
    [InlineData("/v1/responses/resp_doesnotexist?stream=true&starting_after=3")]
    public async Task Get_UnknownResponse_Is404(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, path));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
        using var response = await harness.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_BadStartingAfter_Is400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, "/v1/responses/resp_x?stream=true&starting_after=-2"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
        using var response = await harness.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
