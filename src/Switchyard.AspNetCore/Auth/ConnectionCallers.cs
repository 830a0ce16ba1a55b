using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Switchyard.Hosting.Auth;

namespace Switchyard.AspNetCore.Auth;

/// <summary>
/// Resolves a request's caller, remembering per keep-alive connection the one its <c>Authorization</c> header resolved to.
/// </summary>
/// <remarks>
/// Looking a key up hashes it (SHA-256 through OpenSSL), about 5 µs of every request at one connection, where the
/// gateway's whole own share is a few dozen (docs/benchmarks.md). A client on a keep-alive connection sends the same
/// header on every request, and Kestrel hands back the very same string instance when a known header's bytes repeat on
/// a connection. So a request whose header is that same instance, under the same key store (a reload builds a new one,
/// so a revoked key stops working at once), is the caller remembered for it. No copy of the key is made: the reference is
/// to the header string Kestrel parsed (and keeps for reuse itself), held for the connection's life. Only found callers
/// are remembered, and only from <c>Authorization</c>: <c>x-api-key</c> is not a header Kestrel reuses, and it takes
/// precedence, so a request that carries it is always looked up.
/// Only on HTTP/1.1, whose requests on one connection come one at a time: HTTP/2 and HTTP/3 run them concurrently, and
/// the connection's items are not a concurrent dictionary.
/// </remarks>
public static class ConnectionCallers
{
    private static readonly object Slot = new();

    /// <summary>The caller for the request's key; null when it carries none (<paramref name="presented"/> false) or an unknown one.</summary>
    public static Caller? Resolve(HttpContext context, VirtualKeyStore keys, out bool presented)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keys);
        var request = context.Request;
        var authorization = request.Headers.Authorization;
        var items = authorization.Count == 1 && HttpProtocol.IsHttp11(request.Protocol) && !request.Headers.ContainsKey(ApiKeyReader.ApiKeyHeader)
            ? context.Features.Get<IConnectionItemsFeature>()?.Items
            : null;
        if (items is not null && items.TryGetValue(Slot, out var slot) && slot is Remembered remembered
            && ReferenceEquals(remembered.Header, authorization[0]) && ReferenceEquals(remembered.Keys, keys))
        {
            presented = true;
            return remembered.Caller;
        }

        var key = ApiKeyReader.Read(request);
        presented = key is not null;
        var caller = key is null ? null : keys.Find(key);
        if (caller is not null && items is not null)
        {
            items[Slot] = new Remembered(authorization[0]!, keys, caller);
        }

        return caller;
    }

    private sealed record Remembered(string Header, VirtualKeyStore Keys, Caller Caller);
}
