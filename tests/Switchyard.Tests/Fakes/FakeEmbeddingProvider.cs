using System.Net;
using System.Text;
using Switchyard.Failures;
using Switchyard.Providers;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Tests.Fakes;

/// <summary>An OpenAI-format provider with an embeddings endpoint: answers with <see cref="Respond"/> and records what it was sent.</summary>
internal sealed class FakeEmbeddingProvider(string name) : IChatProvider, IEmbeddingProvider
{
    private readonly List<UpstreamRequest> _requests = [];

    public string Name => name;

    public IWireCodec Codec => OpenAIChatCodec.Instance;

    public IEmbeddingCodec? EmbeddingCodec => OpenAIChatCodec.Instance;

    public IReadOnlyList<UpstreamRequest> Requests => _requests;

    /// <summary>The answer to each call; the default is two embeddings and 7 prompt tokens.</summary>
    public Func<UpstreamRequest, UpstreamResponse> Respond { get; set; } = _ => Answer(Vectors(2));

    /// <summary>An answer whose <c>data</c> holds <paramref name="count"/> short vectors.</summary>
    public static string Vectors(int count, int promptTokens = 7) =>
        $$$"""{"object":"list","data":[{{{string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"object":"embedding","index":{{i}},"embedding":[0.6,0.8]}"""))}}}],"model":"text-embedding-3-small","usage":{"prompt_tokens":{{{promptTokens}}},"total_tokens":{{{promptTokens}}}}}""";

    public static UpstreamResponse Answer(string body) =>
        UpstreamResponse.Success(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) }, RateLimitSnapshot.Empty, "req_embed");

    public static UpstreamResponse Fail(FailureKind kind, int status) =>
        UpstreamResponse.Failed(new Failure(kind, $"failed with {status}") { ProviderStatus = status, Provider = "openai" });

    public Task<UpstreamResponse> SendAsync(UpstreamRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("An embeddings request must not reach the chat endpoint.");

    public Task<UpstreamResponse> EmbedAsync(UpstreamRequest request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        return Task.FromResult(Respond(request));
    }
}
