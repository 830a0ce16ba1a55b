using System.Net;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// <c>GET /v1/responses/{id}/input_items</c> refusals, as raw HTTP: another tenant's, an unstored and an unknown response
/// all read the same 404; invalid query values are a 400 in OpenAI's error format naming the parameter.
/// </summary>
public sealed class ResponsesInputItemsErrorTests(ConversationHarness harness) : IClassFixture<ConversationHarness>
{
    private const string Unknown = "resp_AAAAAAAAAAAAAAAAAAAAAA";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InputItems_OfAnotherTenantsOrAnUnstoredResponse_AreTheSame404AsAnUnknownId()
    {
        await harness.ResetSimulatorAsync();
        var mine = await CreateAsync("""{"model":"gpt-4o-mini","input":"A secret of acme."}""");
        var unstored = await CreateAsync("""{"model":"gpt-4o-mini","input":"Do not keep this.","store":false}""");

        var (ownStatus, _) = await GetAsync($"/v1/responses/{mine}/input_items");
        var (stolenStatus, stolen) = await GetAsync($"/v1/responses/{mine}/input_items", ConversationHarness.OtherTenantKey);
        var (unstoredStatus, unstoredBody) = await GetAsync($"/v1/responses/{unstored}/input_items");
        var (unknownStatus, unknown) = await GetAsync($"/v1/responses/{Unknown}/input_items");

        Assert.Equal(HttpStatusCode.OK, ownStatus);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [stolenStatus, unstoredStatus, unknownStatus]);
        Assert.Equal(unknown.Replace(Unknown, "{id}", StringComparison.Ordinal), stolen.Replace(mine, "{id}", StringComparison.Ordinal));
        Assert.Equal(unknown.Replace(Unknown, "{id}", StringComparison.Ordinal), unstoredBody.Replace(unstored, "{id}", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", stolen, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("order=newest", "order")]
    [InlineData("after=msg_nope", "after")]
    [InlineData("before=msg_nope", "before")]
    [InlineData("include[]=message.bogus", "include")]
    public async Task InputItems_WithAnInvalidQueryValue_Are400NamingTheParameter(string query, string param)
    {
        await harness.ResetSimulatorAsync();
        var id = await CreateAsync("""{"model":"gpt-4o-mini","input":"Hello."}""");

        var (status, body) = await GetAsync($"/v1/responses/{id}/input_items?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task InputItems_WithIncludeValuesTheGatewayCannotHonour_AreAcceptedAndIgnored()
    {
        await harness.ResetSimulatorAsync();
        var id = await CreateAsync("""{"model":"gpt-4o-mini","input":"Hello."}""");

        var (plainStatus, plain) = await GetAsync($"/v1/responses/{id}/input_items");
        var (status, body) = await GetAsync($"/v1/responses/{id}/input_items?include[]=reasoning.encrypted_content&include[]=message.input_image.image_url");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (plainStatus, status));
        Assert.Equal(plain, body);
    }

    private async Task<string> CreateAsync(string body)
    {
        using var response = await harness.PostAsync("/v1/responses", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string key = ConversationHarness.Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, path));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using var response = await harness.Http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
