using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.FrontDoors.Responses;
using Switchyard.AspNetCore.Limits;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// A token-count front door: Anthropic <c>POST /v1/messages/count_tokens</c> or OpenAI <c>POST /v1/responses/input_tokens</c>.
/// Authenticates and limits like the chat door of its format, reads the body by that format's rules (without the output
/// limit a count has no use for), and lets the engine count it on the route's providers, with the gateway's estimate as
/// the last resort (<see cref="ChatForwarder.CountTokensAsync"/>). The answer says where the count came from in
/// <c>x-switchyard-token-count</c> (<c>provider</c> or <c>estimate</c>). Every refusal is an error in the caller's format.
/// </summary>
internal sealed partial class TokenCountEndpoint(ITokenCountCodec codec, GatewayRuntime runtime, ILogger<TokenCountEndpoint> logger)
{
    /// <summary>The response header naming the count's source: <c>provider</c> or <c>estimate</c>.</summary>
    public const string SourceHeader = "x-switchyard-token-count";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        var snapshot = runtime.Current;
        if (await FrontDoorEntry.ReadRequestAsync(context, codec, snapshot, codec.ReadCountRequest) is not (var caller, var bytes, var counted))
        {
            return;
        }

        // A count is a request like any other for the request-rate limits, but it generates nothing: no tokens are taken.
        if (!await InboundLimitGate.AdmitAsync(context, codec, snapshot.Options, runtime.Inbound, caller, counted, takesTokens: false))
        {
            return;
        }

        if (!TimeoutHeaders.TryRead(context.Request, out var tier, out var deadline, out var headerError))
        {
            await FailureResponder.WriteAsync(context, codec, headerError, cancellationToken);
            return;
        }

        var request = new GatewayRequest(codec, counted, bytes)
        {
            Tenant = caller.Tenant,
            KeyName = caller.KeyName,
            ForwardedHeaders = ChatEndpoint.ReadForwardedHeaders(context.Request),
            TierOverride = tier,
            DeadlineOverride = deadline,
        };
        if (request.Request.Responses?.PreviousResponseId is { } previous)
        {
            request = await ExpandChainAsync(request, previous, cancellationToken);
            if (request is null)
            {
                await FailureResponder.WriteAsync(context, codec, ResponseChain.NotFound(previous), cancellationToken);
                return;
            }
        }

        var outcome = await snapshot.Forwarder.CountTokensAsync(request, cancellationToken);
        await WriteAsync(context, outcome, cancellationToken);
        var source = outcome.Failure is not null ? "-" : outcome.Estimated ? "estimate" : "provider";
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogCompleted(logger, caller.Tenant, counted.Model, source, outcome.ServedBy?.Provider ?? "-", context.Response.StatusCode, outcome.Failure?.Kind, elapsedMs);
    }

    /// <summary>
    /// A Responses count continuing a stored response counts the whole conversation, as <c>POST /v1/responses</c> would send
    /// it. The id is the gateway's, so the body is rewritten with the chain in place (and no <c>previous_response_id</c>).
    /// </summary>
    private async Task<GatewayRequest?> ExpandChainAsync(GatewayRequest request, string previous, CancellationToken cancellationToken)
    {
        if (runtime.Conversations is not { } conversations || await conversations.LoadHistoryAsync(request.Tenant, previous, cancellationToken) is not { } history)
        {
            return null;
        }

        var expanded = ResponseChain.Expand(request, history);
        var canonical = expanded.Request with { Responses = expanded.Request.Responses! with { PreviousResponseId = null } };
        return expanded with { Request = canonical, RawBody = codec.WriteCountRequest(canonical, canonical.Model) };
    }

    private async Task WriteAsync(HttpContext context, TokenCountOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Failure is { } failure)
        {
            await FailureResponder.WriteAsync(context, codec, failure, cancellationToken);
            return;
        }

        var body = codec.WriteCount(outcome.InputTokens!.Value);
        context.Response.Headers[SourceHeader] = outcome.Estimated ? "estimate" : "provider";
        if (outcome.ServedBy is { } servedBy)
        {
            await new HttpChatResponseSink(context, codec).SendResponseAsync(body, servedBy, cancellationToken);
            return;
        }

        var response = context.Response;
        response.Headers["x-switchyard-attempts"] = outcome.Attempts.Count(a => a.Failure?.Kind != FailureKind.CircuitOpen).ToString(CultureInfo.InvariantCulture);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token count tenant={Tenant} model={Model} source={Source} provider={Provider} status={Status} failure={FailureKind} in {ElapsedMs:F1} ms")]
    private static partial void LogCompleted(ILogger logger, string tenant, string model, string source, string provider, int status, FailureKind? failureKind, double elapsedMs);
}
