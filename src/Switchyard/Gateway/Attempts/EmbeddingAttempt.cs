using Switchyard.Failures;
using Switchyard.Providers;

namespace Switchyard.Gateway.Attempts;

/// <summary>
/// One embeddings call to one target: the caller's body with the target's model spliced in (every other byte as sent,
/// so <c>encoding_format</c>, <c>dimensions</c> and unknown fields reach the provider unchanged), to the provider's
/// embeddings endpoint; its answer passes to the caller byte for byte once it is checked to hold one embedding per input.
/// </summary>
internal sealed class EmbeddingAttempt(AttemptContext context, CancellationToken callerToken) : BufferedAttempt(context, callerToken)
{
    // The forwarder only gives embeddings requests to providers that can embed (ChatForwarder.TryEmbeddingRoute).
    private IEmbeddingProvider Provider => (IEmbeddingProvider)Context.Provider;

    /// <summary>
    /// The tier's answer timeout, else its first-token timeout: an embeddings answer generates nothing and arrives whole,
    /// like a first token, so a provider that hangs is left for the next target in good time rather than at the deadline.
    /// </summary>
    protected override TimeSpan AnswerLimit => Context.Tier.Answer ?? Context.Tier.FirstToken;

    protected override Task<UpstreamResponse> SendAsync(CancellationToken cancellationToken)
    {
        var body = RequestBodyEditor.Edit(Context.Request.RawBody, Context.Target.Model, forceIncludeUsage: false);
        var request = new UpstreamRequest(body, Stream: false) { ConnectTimeout = Context.Deadline.Cap(Context.Tier.Connect) };
        return Provider.EmbedAsync(request, cancellationToken);
    }

    protected override Failure? Accept(ReadOnlyMemory<byte> body)
    {
        var parsed = Provider.EmbeddingCodec!.ReadEmbeddingAnswer(body);
        if (!parsed.IsSuccess)
        {
            return parsed.Failure;
        }

        var expected = Context.Request.Embeddings!.Inputs.Count;
        if (parsed.Value.Count != expected)
        {
            return new Failure(FailureKind.ServerError, $"{parsed.Value.Count} embeddings for {expected} inputs.") { Provider = Context.Provider.Name };
        }

        Usage = parsed.Value.Usage;
        ReportedModel = parsed.Value.Model;
        Answer = body;
        return null;
    }
}
