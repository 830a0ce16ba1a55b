using System.Net;
using System.Net.Sockets;

namespace Switchyard.Providers;

/// <summary>
/// The socket handler behind each provider's pooled <see cref="HttpClient"/>. Its connect step honours a per-request
/// timeout (the request's timeout tier) carried in <see cref="HttpRequestMessage.Options"/>, which a shared handler's
/// fixed <see cref="SocketsHttpHandler.ConnectTimeout"/> cannot do.
/// </summary>
public static class ProviderHttpHandler
{
    /// <summary>The request option that carries the connect timeout.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> ConnectTimeoutOption = new("Switchyard.ConnectTimeout");

    /// <summary>Creates the handler: pooled, recycled every 5 minutes, with per-request connect timeouts.</summary>
    public static SocketsHttpHandler Create() => new()
    {
        // Recycle connections so DNS changes at the provider are picked up; keep them warm in between.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.All,
        MaxConnectionsPerServer = int.MaxValue,
        EnableMultipleHttp2Connections = true,
        ConnectCallback = ConnectAsync,
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (context.InitialRequestMessage.Options.TryGetValue(ConnectTimeoutOption, out var limit))
        {
            timeout.CancelAfter(limit);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, timeout.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new HttpRequestException($"Connecting to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} timed out after {limit.TotalMilliseconds:F0} ms.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
