using System.ClientModel;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// A request that names a session memory cannot hold, or asks for a context budget that is not one, is refused with a
/// 400 naming what is wrong, in the caller's format, before anything is sent: served without memory, an agent would
/// lose its history without knowing.
/// </summary>
public sealed class MemoryRequestErrorTests(MemoryHarness harness) : IClassFixture<MemoryHarness>
{
    private static readonly string TooLong = new('s', 257);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAISdk_SessionIdInMetadataTooLong_Is400NamingIt()
    {
        await harness.ResetSimulatorAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => new MemoryTalk(harness, TooLong).SayAsync("Hello.", Ct));

        Assert.Equal(400, error.Status);
        Assert.Contains("metadata.session_id", error.Message, StringComparison.Ordinal);
        Assert.Empty(await CallsSentAsync());
    }

    [Fact]
    public async Task AnthropicSdk_SessionHeaderTooLong_Is400NamingIt()
    {
        await harness.ResetSimulatorAsync();
        var client = new AnthropicClient
        {
            ApiKey = MemoryHarness.Key,
            BaseUrl = harness.GatewayUrl.ToString().TrimEnd('/'),
            MaxRetries = 0,
            HttpClient = new HttpClient(new HeaderHandler("x-switchyard-session", TooLong)),
        };

        var error = await Assert.ThrowsAsync<AnthropicBadRequestException>(() => client.Messages.Create(
            new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 30, Messages = [new UserMessageParam("Hello.")] }, Ct));

        Assert.Contains("x-switchyard-session", error.Message, StringComparison.Ordinal);
        Assert.Empty(await CallsSentAsync());
    }

    [Theory]
    [InlineData("abc", 400)]
    [InlineData("-1", 400)]
    [InlineData("255", 400)]
    [InlineData("256", 200)]
    [InlineData("99999999999", 200)] // above the configured budget: the lower of the two applies
    public async Task MemoryBudgetHeader_MustBeAtLeast256Tokens(string budget, int status)
    {
        await harness.ResetSimulatorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, "/v1/chat/completions"))
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"user","content":"Hello."}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + MemoryHarness.Key);
        request.Headers.TryAddWithoutValidation("x-switchyard-session", "budget-" + Guid.NewGuid().ToString("N"));
        request.Headers.TryAddWithoutValidation("x-switchyard-memory-budget", budget);

        using var response = await harness.Http.SendAsync(request, Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400)
        {
            Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal("x-switchyard-memory-budget", body.RootElement.GetProperty("error").GetProperty("param").GetString());
            Assert.Empty(await CallsSentAsync());
        }
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("after=-1", "after")]
    public async Task AdminMemoryList_PageThatIsNotOne_Is400NamingIt(string query, string param)
    {
        var (status, body) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/sessions/any/memories?{query}");

        Assert.Equal(400, status);
        Assert.Equal(param, body.GetProperty("error").GetProperty("param").GetString());
    }

    private async Task<List<JsonElement>> CallsSentAsync() =>
        (await harness.SimulatorRequestsAsync()).Select(r => r.Body).Where(b => !MemoryHarness.IsSummarizer(b)).ToList();

    private sealed class HeaderHandler(string name, string value) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(name, value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
