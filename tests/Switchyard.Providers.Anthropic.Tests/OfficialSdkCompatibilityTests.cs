using System.Net;
using System.Net.Http.Headers;
using Anthropic;
using Anthropic.Models.Messages;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>What the encoder and response writer emit must parse and validate in the official Anthropic .NET SDK.</summary>
public sealed class OfficialSdkCompatibilityTests
{
    private static MessageCreateParams Params => new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 100,
        Messages = [new UserMessageParam { Content = "hi" }],
    };

    private static AnthropicClient Client(HttpStatusCode status, byte[] body, string mediaType) => new()
    {
        ApiKey = "sk-ant-test",
        BaseUrl = "http://gateway.test",
        MaxRetries = 0,
        HttpClient = new HttpClient(new CannedHandler(status, body, mediaType)),
    };

    [Theory]
    [MemberData(nameof(AnthropicStreamDecoderTests.AllStreamFixtures), MemberType = typeof(AnthropicStreamDecoderTests))]
    public async Task CreateStreaming_EncodedFixture_EveryEventValidatesInSdk(string fixture)
    {
        var bytes = StreamRun.Encode(StreamRun.DecodeFixture(fixture).Events);
        var client = Client(HttpStatusCode.OK, bytes, "text/event-stream");

        var count = 0;
        await foreach (var e in client.Messages.CreateStreaming(Params, TestContext.Current.CancellationToken))
        {
            e.Validate();
            count++;
        }

        Assert.Equal(Fixtures.ParseSse(bytes).Count, count);
    }

    [Fact]
    public async Task CreateStreaming_EncodedOpenAIToolStream_ValidatesInSdk()
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("chatcmpl-1", "gpt-4.1"),
            new TextDeltaEvent("x"),
            new ToolCallStartEvent(0, "call_1", "f"),
            new ToolCallArgumentsDeltaEvent(0, "{\"a\":1}"),
            new RefusalDeltaEvent("no"),
            new FinishEvent(FinishReason.Stop),
            new UsageEvent(new TokenUsage(10, 3, CachedInputTokens: 4)),
            StreamEndEvent.Instance,
        ];
        var client = Client(HttpStatusCode.OK, StreamRun.Encode(events), "text/event-stream");

        await foreach (var e in client.Messages.CreateStreaming(Params, TestContext.Current.CancellationToken))
        {
            e.Validate();
        }
    }

    [Fact]
    public async Task CreateStreaming_ErrorEvent_SdkThrows()
    {
        var bytes = StreamRun.Encode([new MessageStartEvent("msg_1", "m"), new StreamErrorEvent(new Failure(FailureKind.Overloaded, "Overloaded"))]);
        var client = Client(HttpStatusCode.OK, bytes, "text/event-stream");

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var e in client.Messages.CreateStreaming(Params, TestContext.Current.CancellationToken))
            {
                e.Validate();
            }
        });
    }

    [Theory]
    [MemberData(nameof(AnthropicResponseCodecTests.BodyFixtures), MemberType = typeof(AnthropicResponseCodecTests))]
    public async Task Create_WrittenResponse_ValidatesInSdk(string fixture)
    {
        var response = AnthropicMessagesCodec.Instance.ReadResponse(Fixtures.Bytes(fixture)).Value!;
        var client = Client(HttpStatusCode.OK, AnthropicMessagesCodec.Instance.WriteResponse(response), "application/json");

        var message = await client.Messages.Create(Params, TestContext.Current.CancellationToken);

        message.Validate();
        Assert.Equal(response.Id, message.ID);
        Assert.Equal(response.Usage!.Value.OutputTokens, message.Usage.OutputTokens);
    }

    private sealed class CannedHandler(HttpStatusCode status, byte[] body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        }
    }
}
