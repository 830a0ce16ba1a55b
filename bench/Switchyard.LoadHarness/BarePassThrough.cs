using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchyard.LoadHarness;

/// <summary>
/// The floor any .NET gateway stands on: Kestrel in, one pooled <see cref="HttpMessageInvoker"/> over
/// <see cref="SocketsHttpHandler"/> out, and the answer copied back, with no work of its own (no key check, no parse,
/// no routing, no accounting). The peers suite runs it as a fourth target in its own process, started from the harness's
/// own executable (<c>--bare-pass-through LISTEN UPSTREAM</c>), so that every Switchyard row has beside it what the
/// two loopback hops cost on the same machine in the same run. Written by hand because it is the measurement itself.
/// </summary>
internal static class BarePassThrough
{
    public const string Argument = "--bare-pass-through";

    /// <summary>The upstream key it sends, whatever the caller sent (the simulator accepts any).</summary>
    private const string UpstreamAuthorization = "Bearer sk-bench";

    /// <summary>How the peers suite starts it: this executable again, in pass-through mode.</summary>
    public static ProcessStartInfo StartInfo(Uri listen, Uri upstream)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Switchyard.LoadHarness.dll")}\" {Argument} {listen} {upstream}");
        info.Environment["DOTNET_gcServer"] = "0"; // as the gateways: workstation GC
        return info;
    }

    public static async Task RunAsync(Uri listen, Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        // No logger at all: as in Switchyard, nothing then starts an Activity per request.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen.ToString());
        await using var app = builder.Build();
        using var http = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false });
        app.MapPost("/v1/chat/completions", context => ForwardAsync(context, http, new Uri(upstream, "/v1/chat/completions")));
        await app.RunAsync();
    }

    private static async Task ForwardAsync(HttpContext context, HttpMessageInvoker http, Uri target)
    {
        // Read whole, sent with a length: what a gateway that looks at the request does too.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", UpstreamAuthorization);
        // The invoker (unlike HttpClient) returns at the headers and never buffers the body.
        using var response = await http.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        if (response.Content.Headers.ContentLength is { } length)
        {
            context.Response.ContentLength = length;
        }

        // Each write of Kestrel's response stream flushes, so a stream's events go out as they arrive.
        await using var answer = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await answer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
