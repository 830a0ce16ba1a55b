using System.Net;
using System.Text;
using Switchyard.Failures;
using Switchyard.Providers;

namespace Switchyard.Tests.Fakes;

/// <summary>A provider that counts tokens in a real count format: answers with <see cref="Respond"/> and records what it was sent.</summary>
internal sealed class FakeCountingProvider(string name, ITokenCountCodec countCodec) : IChatProvider, ITokenCountingProvider
{
    private readonly List<UpstreamRequest> _requests = [];

    public string Name => name;

    public IWireCodec Codec => countCodec;

    public ITokenCountCodec? CountCodec => countCodec;

    public IReadOnlyList<UpstreamRequest> Requests => _requests;

    /// <summary>The answer to each count; the default is a count of 42.</summary>
    public Func<UpstreamRequest, UpstreamResponse> Respond { get; set; } = _ => Count(42);

    /// <summary>How long the provider takes before answering.</summary>
    public TimeSpan Delay { get; set; }

    public static UpstreamResponse Count(int tokens, ITokenCountCodec? codec = null) =>
        UpstreamResponse.Success(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"input_tokens":{{tokens}}}""")) }, RateLimitSnapshot.Empty, "req_count");

    public static UpstreamResponse Fail(FailureKind kind, int status) =>
        UpstreamResponse.Failed(new Failure(kind, $"failed with {status}") { ProviderStatus = status, Provider = "fake" });

    public Task<UpstreamResponse> SendAsync(UpstreamRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A count must not generate.");

    public async Task<UpstreamResponse> CountTokensAsync(UpstreamRequest request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return UpstreamResponse.Failed(new Failure(FailureKind.Cancelled, "cancelled"));
            }
        }

        return Respond(request);
    }
}
