using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

/// <summary>
/// A provider's answer is untrusted: one whose JSON parses but holds text no string can be read from (a lone surrogate
/// escape, invalid UTF-8) is a provider failure — retried, then a 502 in the caller's format — never a 500.
/// </summary>
public sealed class UnreadableProviderTextTests(UnreadableProviderTextTests.BrokenTextHarness harness) : IClassFixture<UnreadableProviderTextTests.BrokenTextHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAISdk_Answer_IsA502ServerError()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client().CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Ct));

        Assert.Equal(502, error.Status);
        Assert.Contains("lone UTF-16 surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAISdk_Stream_IsA502StreamBroken()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var _ in Client().CompleteChatStreamingAsync([new UserChatMessage("Hi")], cancellationToken: Ct))
            {
            }
        });

        Assert.Equal(502, error.Status);
        Assert.Contains("stream_broken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnthropicDoor_TranslatedAnswer_IsA502InAnthropicFormat(bool stream)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, "/v1/messages"))
        {
            Content = new StringContent($$"""{"model":"gpt-4o-mini","max_tokens":20,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-api-key", GatewayHarness.Key);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");

        using var response = await harness.Http.SendAsync(request, Ct);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("api_error", root.GetProperty("error").GetProperty("type").GetString());
    }

    private ChatClient Client() => new("gpt-4o-mini", new ApiKeyCredential(GatewayHarness.Key), new OpenAIClientOptions
    {
        Endpoint = new Uri(harness.GatewayUrl, "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    /// <summary>The gateway with OpenAI behind a server whose every answer (and first stream chunk) holds <c>"\ud800"</c>.</summary>
    public sealed class BrokenTextHarness : ScriptedProviderHarness
    {
        protected override async Task AnswerAsync(HttpListenerContext context)
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var stream = (await reader.ReadToEndAsync()).Contains("\"stream\":true", StringComparison.Ordinal);
            const string Choice = """{"index":0,"message":{"role":"assistant","content":"Hel\ud800lo"},"finish_reason":"stop"}""";
            var body = stream
                ? """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel\ud800lo"},"finish_reason":null}]}""" + "\n\n"
                : """{"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[""" + Choice + """],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = 200;
            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
