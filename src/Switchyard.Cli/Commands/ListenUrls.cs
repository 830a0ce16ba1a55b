using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Cli.Commands;

/// <summary>
/// Checks <c>--urls</c> before Kestrel sees it, and turns a failure to bind into one line. Kestrel reports a malformed
/// URL or a port out of range with a stack trace, listens on http://localhost:5000 when the list is empty, and binds
/// every interface when the host is a name other than <c>localhost</c>: a typo'd host would expose the gateway.
/// </summary>
internal static class ListenUrls
{
    /// <summary>Why <paramref name="urls"/> cannot be listened on, or null when each URL is usable.</summary>
    public static string? Problem(string urls)
    {
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return "--urls is empty; give e.g. http://127.0.0.1:8080 (several separated by ';').";
        }

        foreach (var url in parts)
        {
            if (ProblemOf(url) is { } problem)
            {
                return $"--urls '{url}': {problem}";
            }
        }

        return null;
    }

    /// <summary>The one-line message for a bind failure (port in use, address not on this machine).</summary>
    public static string? BindFailure(Exception exception, string urls) => exception switch
    {
        IOException or SocketException => $"cannot listen on {urls}: {exception.Message}",
        _ => null,
    };

    private static string? ProblemOf(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return "not a URL; expected scheme://host:port, e.g. http://127.0.0.1:8080.";
        }

        if (address.Scheme != "http")
        {
            return address.Scheme == "https"
                ? "https needs a certificate, which switchyard does not configure; listen on http and terminate TLS in front of it."
                : $"the scheme must be http (was '{address.Scheme}').";
        }

        if (address.IsUnixPipe)
        {
            return null;
        }

        if (address.Port is < 0 or > 65535)
        {
            return $"the port must be 0–65535 (0 picks a free one; was {address.Port.ToString(CultureInfo.InvariantCulture)}).";
        }

        var host = address.Host.Trim('[', ']');
        return host is "localhost" or "*" or "+" || IPAddress.TryParse(host, out _)
            ? null
            : $"the host must be an IP address, localhost, or * for every interface (was '{address.Host}'); any other name makes Kestrel listen on every interface.";
    }
}
