using System.Net;
using System.Text;
using Switchyard.Failures;
using Switchyard.Providers;
using Switchyard.Tests.Fakes;

namespace Switchyard.Tests.Providers;

public sealed class HttpChatProviderTests
{
    private const string ApiKey = "sk-test-secret-1234";
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeDialect _dialect = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpChatProvider Provider(FakeHttpHandler handler, string baseUrl = "http://provider.test") =>
        new(new HttpClient(handler), _dialect, new ProviderEndpoint(new Uri(baseUrl), ApiKey), new FixedClock(Now));

    private static FakeHttpHandler Answer(HttpStatusCode status, string body = "", params (string Name, string Value)[] headers) =>
        new((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });

    private static UpstreamRequest Request(string body = """{"model":"m"}""") => new(Encoding.UTF8.GetBytes(body), Stream: false);

    [Fact]
    public async Task SendAsync_Success_PassesTheBodyRateLimitsAndRequestIdThrough()
    {
        var handler = Answer(HttpStatusCode.OK, "answer", ("x-fake-remaining", "41"), ("x-request-id", "req_123"), ("retry-after-ms", "150"));

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.True(response.IsSuccess);
        Assert.Null(response.Failure);
        Assert.Equal("req_123", response.RequestId);
        Assert.Equal(41, response.RateLimits.Requests?.Remaining);
        Assert.Equal(TimeSpan.FromMilliseconds(150), response.RateLimits.RetryAfter);
        Assert.Equal(Now, _dialect.RateLimitsReadAt);
        Assert.Equal("answer", Encoding.UTF8.GetString(await response.ReadBodyAsync(Token)));
    }

    [Theory]
    [InlineData(10, true)] // declared length: read into one exact array
    [InlineData((1 << 20) + 10, true)] // over the 1 MB allocate-as-declared bound: buffered as the bytes arrive
    [InlineData(10, false)] // no declared length (chunked, decompressed)
    public async Task ReadBodyAsync_WithOrWithoutDeclaredLength_ReturnsExactlyTheBody(int size, bool declared)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)('a' + (i % 26))).ToArray();
        var handler = new FakeHttpHandler((_, _) =>
        {
            var content = new StreamContent(new MemoryStream(bytes));
            content.Headers.ContentLength = declared ? size : null;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(bytes, await response.ReadBodyAsync(Token));
    }

    [Fact]
    public async Task ReadBodyAsync_BodyShorterThanItsDeclaredLength_ThrowsIOExceptionLikeABrokenConnection()
    {
        var handler = new FakeHttpHandler((_, _) =>
        {
            var content = new StreamContent(new MemoryStream("{\"partial\":"u8.ToArray()));
            content.Headers.ContentLength = 4096;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        using var response = await Provider(handler).SendAsync(Request(), Token);

        // BufferedAttempt classifies IOException as "the connection broke while reading the response".
        await Assert.ThrowsAnyAsync<IOException>(() => response.ReadBodyAsync(Token));
    }

    [Fact]
    public async Task SendAsync_Request_PostsTheBodyAsJsonWithTheDialectsHeaders()
    {
        var handler = Answer(HttpStatusCode.OK);
        const string body = """{"model":"m", "x":1.50}""";

        using var _ = await Provider(handler).SendAsync(Request(body), Token);

        var sent = handler.LastRequest!;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(new Uri("http://provider.test/v1/chat/completions"), sent.RequestUri);
        Assert.Equal("application/json", sent.Content?.Headers.ContentType?.MediaType);
        Assert.Equal($"Bearer {ApiKey}", sent.Headers.Authorization?.ToString());
        Assert.Equal(body, Encoding.UTF8.GetString(handler.LastRequestBody!));
    }

    [Theory]
    [InlineData("http://provider.test", "http://provider.test/v1/chat/completions")]
    [InlineData("http://provider.test/", "http://provider.test/v1/chat/completions")]
    [InlineData("http://provider.test/proxy", "http://provider.test/proxy/v1/chat/completions")]
    [InlineData("http://provider.test/proxy/", "http://provider.test/proxy/v1/chat/completions")]
    [InlineData("https://provider.test:8443/a/b/", "https://provider.test:8443/a/b/v1/chat/completions")]
    public async Task SendAsync_BaseUrlWithPath_KeepsThePathPrefix(string baseUrl, string expected)
    {
        var handler = Answer(HttpStatusCode.OK);

        using var _ = await Provider(handler, baseUrl).SendAsync(Request(), Token);

        Assert.Equal(new Uri(expected), handler.LastRequest?.RequestUri);
    }

    [Fact]
    public async Task SendAsync_ForwardedHeaders_AreSentUnchanged()
    {
        var handler = Answer(HttpStatusCode.OK);
        var request = Request() with
        {
            ForwardedHeaders = [new("anthropic-beta", "tools-2024-04-04,pdfs-2024-09-25"), new("x-custom", "a b")],
        };

        using var _ = await Provider(handler).SendAsync(request, Token);

        var headers = handler.LastRequest!.Headers;
        Assert.Equal("tools-2024-04-04,pdfs-2024-09-25", Assert.Single(headers.GetValues("anthropic-beta")));
        Assert.Equal("a b", Assert.Single(headers.GetValues("x-custom")));
    }

    [Fact]
    public async Task SendAsync_ErrorStatus_ReturnsAClassifiedFailureWithProviderDetails()
    {
        var handler = Answer(HttpStatusCode.TooManyRequests, "slow down", ("retry-after", "2"), ("x-request-id", "req_429"), ("x-fake-remaining", "0"));

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.False(response.IsSuccess);
        var failure = response.Failure!;
        Assert.Equal(FailureKind.RateLimited, failure.Kind);
        Assert.Equal(429, failure.ProviderStatus);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.RetryAfter);
        Assert.Equal("req_429", failure.ProviderRequestId);
        Assert.Equal("fakeprov", failure.Provider);
        Assert.Equal("fake_error", failure.ProviderErrorType);
        Assert.Equal("provider said: slow down", failure.Message);
        Assert.Equal("req_429", response.RequestId);
        Assert.Equal(0, response.RateLimits.Requests?.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(2), response.RateLimits.RetryAfter);
        Assert.Equal("slow down", Encoding.UTF8.GetString(_dialect.FakeCodec.LastErrorBody!));
        Assert.Equal(TimeSpan.FromSeconds(2), _dialect.FakeCodec.LastErrorRetryAfter);
    }

    [Fact]
    public async Task SendAsync_ErrorWithHttpDateRetryAfter_MeasuresItFromTheInjectedClock()
    {
        var handler = Answer(HttpStatusCode.ServiceUnavailable, headers: ("retry-after", "Fri, 14 Mar 2025 12:00:45 GMT"));

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(FailureKind.Overloaded, response.Failure?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(45), response.Failure?.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task SendAsync_AbsurdRetryAfter_IsIgnoredRatherThanThrown(HttpStatusCode status)
    {
        var handler = Answer(status, headers: [("retry-after-ms", "1e300"), ("retry-after", "1e20")]);

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Null(response.RateLimits.RetryAfter);
        Assert.Null(response.Failure?.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task SendAsync_CredentialsRejected_IsTheGatewaysAccessFailureWithoutTheProviderMessageWhichMayEchoTheKey(HttpStatusCode status)
    {
        var handler = Answer(status, $"Incorrect API key provided: {ApiKey}");

        using var response = await Provider(handler).SendAsync(Request(), Token);

        var failure = response.Failure!;
        Assert.Equal(FailureKind.ProviderAccessDenied, failure.Kind);
        Assert.Equal((int)status, failure.ProviderStatus);
        Assert.Null(failure.ProviderErrorType);
        Assert.Null(failure.ProviderErrorCode);
        Assert.DoesNotContain("sk-", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Incorrect API key", failure.Message, StringComparison.Ordinal);
        Assert.Contains("fakeprov", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OtherErrors_KeepTheProviderMessage()
    {
        var handler = Answer(HttpStatusCode.BadRequest, "messages: field required");

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(FailureKind.InvalidRequest, response.Failure?.Kind);
        Assert.Equal("provider said: messages: field required", response.Failure?.Message);
    }

    [Fact]
    public async Task SendAsync_OversizedErrorBody_ReadsOnlyUpToTheBound()
    {
        var content = new EndlessStream(10 * 1024 * 1024);
        var handler = new FakeHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StreamContent(content) });

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(FailureKind.ServerError, response.Failure?.Kind);
        Assert.Equal(64 * 1024, _dialect.FakeCodec.LastErrorBody?.Length);
        Assert.Equal(64 * 1024, content.BytesRead);
    }

    [Fact]
    public async Task SendAsync_ErrorBodyBreaks_StillClassifiesByStatus()
    {
        var handler = new FakeHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StreamContent(new BreakingStream([])) });

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(FailureKind.ServerError, response.Failure?.Kind);
        Assert.Equal(502, response.Failure?.ProviderStatus);
        Assert.Empty(_dialect.FakeCodec.LastErrorBody!);
    }

    [Fact]
    public async Task SendAsync_HandlerThrowsHttpRequestException_ReturnsConnectFailed()
    {
        var handler = new FakeHttpHandler((_, _) => throw new HttpRequestException("Connection refused (provider.test:443)"));

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(FailureKind.ConnectFailed, response.Failure?.Kind);
        Assert.Equal("fakeprov", response.Failure?.Provider);
        Assert.Null(response.Failure?.ProviderStatus);
        Assert.Same(RateLimitSnapshot.Empty, response.RateLimits);
    }

    [Fact]
    public async Task SendAsync_HandlerThrowsIOException_ReturnsConnectFailed()
    {
        var handler = new FakeHttpHandler((_, _) => throw new IOException("reset"));

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(FailureKind.ConnectFailed, response.Failure?.Kind);
    }

    [Fact]
    public async Task SendAsync_TimeoutWithoutCallerCancellation_ReturnsConnectFailed()
    {
        // HttpClient.Timeout surfaces as TaskCanceledException while the caller's token is still live.
        var handler = new FakeHttpHandler((_, _) => throw new TaskCanceledException("The request timed out."));

        using var response = await Provider(handler).SendAsync(Request(), Token);

        Assert.Equal(FailureKind.ConnectFailed, response.Failure?.Kind);
    }

    [Fact]
    public async Task SendAsync_CancelledToken_ReturnsCancelled()
    {
        var handler = Answer(HttpStatusCode.OK);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        using var response = await Provider(handler).SendAsync(Request(), cts.Token);

        Assert.Equal(FailureKind.Cancelled, response.Failure?.Kind);
        Assert.Equal("fakeprov", response.Failure?.Provider);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileTheHandlerRuns_ReturnsCancelled()
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHttpHandler((_, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        using var response = await Provider(handler).SendAsync(Request(), cts.Token);

        Assert.Equal(FailureKind.Cancelled, response.Failure?.Kind);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileReadingTheErrorBody_ReturnsCancelled()
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHttpHandler((_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StreamContent(new StallingStream(cts.Cancel)),
        });

        using var response = await Provider(handler).SendAsync(Request(), cts.Token);

        Assert.Equal(FailureKind.Cancelled, response.Failure?.Kind);
        Assert.Equal("fakeprov", response.Failure?.Provider);
    }

    [Fact]
    public void NameAndCodec_ComeFromTheDialect()
    {
        var provider = Provider(Answer(HttpStatusCode.OK));

        Assert.Equal("fakeprov", provider.Name);
        Assert.Same(_dialect.Codec, provider.Codec);
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        using var http = new HttpClient();
        var endpoint = new ProviderEndpoint(new Uri("http://provider.test"), ApiKey);

        Assert.Throws<ArgumentNullException>(() => new HttpChatProvider(null!, _dialect, endpoint));
        Assert.Throws<ArgumentNullException>(() => new HttpChatProvider(http, null!, endpoint));
        Assert.Throws<ArgumentNullException>(() => new HttpChatProvider(http, _dialect, null!));
    }

    [Fact]
    public async Task SendAsync_NullRequest_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Provider(Answer(HttpStatusCode.OK)).SendAsync(null!, Token));
    }
}
