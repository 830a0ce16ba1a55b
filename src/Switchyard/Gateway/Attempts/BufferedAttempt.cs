using Switchyard.Failures;
using Switchyard.Providers;

namespace Switchyard.Gateway.Attempts;

/// <summary>A non-streaming attempt: the whole answer is read and checked before anything reaches the caller.</summary>
internal sealed class BufferedAttempt(AttemptContext context, CancellationToken callerToken) : UpstreamAttempt(context, callerToken)
{
    private ReadOnlyMemory<byte> _body;

    protected override async Task<Failure?> SendAndPrepareAsync()
    {
        var provider = Context.Provider;
        // The whole answer is the first step here; with no answer timeout in the tier, only the deadline bounds it.
        Arm(Context.Tier.Answer ?? Context.Deadline.Remaining);
        try
        {
            using var upstream = await provider.SendAsync(BuildRequest(), Token);
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
            var parsed = provider.Codec.ReadResponse(body);
            if (!parsed.IsSuccess)
            {
                return new Failure(FailureKind.ServerError, $"{provider.Name} returned a response the gateway could not read: {parsed.Failure.Message}")
                {
                    Provider = provider.Name,
                    ProviderRequestId = upstream.RequestId,
                };
            }

            Usage = parsed.Value.Usage;
            ReportedModel = parsed.Value.Model;
            TimeToFirstToken = Elapsed;
            _body = Context.SameFormat
                ? body
                : Context.Request.FrontDoor.WriteResponse(Context.Request.ClientResponseId is { } id ? parsed.Value with { Id = id } : parsed.Value, Context.Request.Request);
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

    protected override string FirstStepTimeoutMessage(string provider) =>
        $"{provider} did not answer within {Context.Tier.Answer.GetValueOrDefault().TotalSeconds:0.###} s (tier '{Context.Tier.Name}').";

    protected override async Task<Failure?> CommitCoreAsync(IChatResponseSink sink, ServedBy servedBy)
    {
        await sink.SendResponseAsync(_body, servedBy, Token);
        return null;
    }
}
