using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.AspNetCore.FrontDoors.Batches;
using Switchyard.Failures;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Answers, in the caller's wire format, the two failures that leave an endpoint as exceptions by design:
/// <list type="bullet">
/// <item>a request body the client broke off, framed badly (chunking) or sent too slowly: Kestrel throws
/// <see cref="BadHttpRequestException"/> from the endpoint's read of the body, with its own status (400, 408, 413);</item>
/// <item>a batch provider that could not be reached (<see cref="BatchUpstreamException"/>, 502).</item>
/// </list>
/// Without it Kestrel answers with an empty 400, 408 or 500 and logs an unhandled application error for what is the
/// client's or the provider's fault.
/// </summary>
internal sealed partial class EdgeFailureMiddleware(RequestDelegate next, ILogger<EdgeFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            LogUnreadableBody(logger, e.StatusCode, e.Message);
            var failure = new Failure(FailureKind.InvalidRequest, $"The request body could not be read: {e.Message}");
            await FailureResponder.WriteAsync(context, FallbackEndpoint.CallerCodec(context.Request), failure, e.StatusCode, context.RequestAborted);
        }
        catch (BatchUpstreamException e) when (!context.Response.HasStarted)
        {
            LogUpstreamUnreachable(logger, e.Message);
            await FailureResponder.WriteAsync(context, FallbackEndpoint.CallerCodec(context.Request), e.Failure, context.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request body could not be read (status {Status}): {Reason}")]
    private static partial void LogUnreadableBody(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch provider unreachable: {Reason}")]
    private static partial void LogUpstreamUnreachable(ILogger logger, string reason);
}
