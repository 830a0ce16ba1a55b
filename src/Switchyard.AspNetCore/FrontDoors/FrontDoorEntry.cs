using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// The first steps of a front door that takes a JSON body (chat, token counts, embeddings): who is calling, the body
/// within the size limit, and the body read by the door's rules. Each refuses in the door's own format and returns null
/// when it did.
/// </summary>
/// <remarks>
/// Value tasks: every chat request passes here, and each step almost always completes without waiting (the key is
/// remembered, the body is in), so a <see cref="Task{TResult}"/> would be one allocation per step and request.
/// </remarks>
internal static class FrontDoorEntry
{
    /// <summary>
    /// The caller, the body and what <paramref name="parse"/> read from it; null after a 401, a 413, or the parser's
    /// refusal (a 400).
    /// </summary>
    public static async ValueTask<(Caller Caller, ReadOnlyMemory<byte> Body, T Request)?> ReadRequestAsync<T>(HttpContext context, IWireCodec codec, GatewaySnapshot snapshot, Func<ReadOnlyMemory<byte>, CodecResult<T>> parse)
        where T : class
    {
        if (await AuthenticateAsync(context, codec, snapshot) is not { } caller
            || await ReadBodyAsync(context, codec, snapshot) is not { } body
            || await ParseAsync(context, codec, body, parse) is not { } request)
        {
            return null;
        }

        return (caller, body, request);
    }

    /// <summary>What <paramref name="parse"/> read from <paramref name="body"/>, or null after its refusal was written.</summary>
    public static async ValueTask<T?> ParseAsync<T>(HttpContext context, IWireCodec codec, ReadOnlyMemory<byte> body, Func<ReadOnlyMemory<byte>, CodecResult<T>> parse)
        where T : class
    {
        var parsed = parse(body);
        if (!parsed.IsSuccess)
        {
            await FailureResponder.WriteAsync(context, codec, Compressed(context.Request) ?? parsed.Failure, context.RequestAborted);
        }

        return parsed.Value;
    }

    /// <summary>
    /// The refusal of a compressed body, which no door reads: its bytes are no JSON, and "not valid JSON" would leave the
    /// caller looking at its JSON. Only asked once the body failed to parse, so a valid request pays nothing for it.
    /// </summary>
    private static Failure? Compressed(HttpRequest request) =>
        request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)
            ? new Failure(FailureKind.InvalidRequest, $"The request body is compressed (Content-Encoding: {HeaderText.Safe(encoding)}); send it as plain JSON, without Content-Encoding.")
            : null;

    /// <summary>The caller of the request's virtual key, or null after a 401.</summary>
    public static async ValueTask<Caller?> AuthenticateAsync(HttpContext context, IWireCodec codec, GatewaySnapshot snapshot)
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
    public static async ValueTask<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, IWireCodec codec, GatewaySnapshot snapshot)
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
