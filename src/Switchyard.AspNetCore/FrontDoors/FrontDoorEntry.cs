using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// The first steps of a front door that takes a JSON body (chat and token counts): who is calling, and the body within
/// the size limit. Each refuses in the door's own format and returns null when it did.
/// </summary>
internal static class FrontDoorEntry
{
    /// <summary>The caller of the request's virtual key, or null after a 401.</summary>
    public static async Task<Caller?> AuthenticateAsync(HttpContext context, IWireCodec codec, GatewaySnapshot snapshot)
    {
        var caller = ConnectionCallers.Resolve(context, snapshot.Keys, out var presented);
        if (caller is null)
        {
            var message = !presented
                ? "No API key provided. Send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'."
                : "Invalid API key. Check the key your Switchyard operator gave you.";
            await FailureResponder.WriteAsync(context, codec, new Failure(FailureKind.Unauthenticated, message), context.RequestAborted);
        }

        return caller;
    }

    /// <summary>The whole request body, or null after a 413 when it is over <c>MaxRequestBodyBytes</c>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, IWireCodec codec, GatewaySnapshot snapshot)
    {
        var limit = snapshot.Options.MaxRequestBodyBytes;
        var body = await RequestBodyReader.ReadAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            var tooLarge = new Failure(FailureKind.PayloadTooLarge, $"Request body exceeds the limit of {limit} bytes.");
            await FailureResponder.WriteAsync(context, codec, tooLarge, context.RequestAborted);
        }

        return body;
    }
}
