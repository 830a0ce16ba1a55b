using Switchyard.Failures;
using Switchyard.Providers;

namespace Switchyard.Gateway.Attempts;

/// <summary>
/// A non-streaming attempt: the whole answer is read and checked before anything reaches the caller. A chat
/// completion here; derived attempts send elsewhere and check another kind of answer (<see cref="EmbeddingAttempt"/>).
/// </summary>
internal class BufferedAttempt(AttemptContext context, CancellationToken callerToken) : UpstreamAttempt(context, callerToken)
{
    /// <summary>The body the caller gets once this attempt commits.</summary>
    protected ReadOnlyMemory<byte> Answer { get; set; }

    protected sealed override async Task<Failure?> SendAndPrepareAsync()
    {
        var provider = Context.Provider;
        Arm(AnswerLimit);
        try
        {
            using var upstream = await SendAsync(Token);
            ProviderRequestId = upstream.RequestId;
            Learn(upstream);
            if (upstream.Failure is { } failure)
            {
                // Cancelled after the request went out (a losing hedge, the deadline): the provider may bill it anyway.
                ReachedProvider = upstream.RequestSent;
                return failure.Kind == FailureKind.Cancelled ? Timeout(afterFirstToken: false) : failure;
            }

            ReachedProvider = true;
            var body = await upstream.ReadBodyAsync(Token);
            if (Accept(body) is { } problem)
            {
                return new Failure(FailureKind.ServerError, $"{provider.Name} returned a response the gateway could not read: {problem.Message}")
                {
                    Provider = provider.Name,
                    ProviderRequestId = upstream.RequestId,
                };
            }

            TimeToFirstToken = Elapsed;
            return null;
        }
        catch (OperationCanceledException)
        {
            return Timeout(afterFirstToken: false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new Failure(FailureKind.ServerError, $"The connection to {provider.Name} broke while reading the response.") { Provider = provider.Name };
        }
    }

    /// <summary>
    /// How long the whole answer may take, the first step here: the tier's answer timeout, else (a long generation
    /// legitimately takes long) only the deadline.
    /// </summary>
    protected virtual TimeSpan AnswerLimit => Context.Tier.Answer ?? Context.Deadline.Remaining;

    /// <summary>Sends the request: the chat request built for this target (<see cref="UpstreamAttempt.BuildRequest"/>).</summary>
    protected virtual Task<UpstreamResponse> SendAsync(CancellationToken cancellationToken) =>
        Context.Provider.SendAsync(BuildRequest(), cancellationToken);

    /// <summary>
    /// Checks the provider's answer and takes what it reports (<see cref="UpstreamAttempt.Usage"/>,
    /// <see cref="UpstreamAttempt.ReportedModel"/>, <see cref="Answer"/>); the failure when it is not an answer.
    /// </summary>
    protected virtual Failure? Accept(ReadOnlyMemory<byte> body)
    {
        var parsed = Context.Provider.Codec.ReadResponse(body);
        if (!parsed.IsSuccess)
        {
            return parsed.Failure;
        }

        Usage = parsed.Value.Usage;
        ReportedModel = parsed.Value.Model;
        Answer = Context.SameFormat
            ? body
            : Context.Request.FrontDoor.WriteResponse(Context.Request.ClientResponseId is { } id ? parsed.Value with { Id = id } : parsed.Value, Context.Request.Request);
        return null;
    }

    protected override string FirstStepTimeoutMessage(string provider) =>
        $"{provider} did not answer within {AnswerLimit.TotalSeconds:0.###} s (tier '{Context.Tier.Name}').";

    protected sealed override async Task<Failure?> CommitCoreAsync(IChatResponseSink sink, ServedBy servedBy)
    {
        await sink.SendResponseAsync(Answer, servedBy, Token);
        return null;
    }
}
