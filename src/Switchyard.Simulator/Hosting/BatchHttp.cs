using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>The edge shared by the files and batch endpoints: counting, auth, request ids, JSON and error answers.</summary>
internal sealed class BatchHttp(SimulatorRuntime runtime)
{
    /// <summary>Counts the call under its route, sets the provider headers and checks the key; answers 401 itself and returns null then.</summary>
    public async Task<string?> BeginAsync(HttpContext context, SimulatorApi api, string route)
    {
        var anthropic = api == SimulatorApi.AnthropicMessages;
        runtime.Stats.RecordArrival(anthropic ? "anthropic" : "openai", route);
        var requestId = anthropic ? Ids.AnthropicRequestId() : Ids.OpenAIRequestId();
        if (anthropic)
        {
            ProviderHeaders.ApplyAnthropicBase(context.Response, requestId);
        }
        else
        {
            ProviderHeaders.ApplyOpenAIBase(context.Response, requestId, TimeSpan.Zero);
        }

        if (ApiKeys.Check(context.Request, api, runtime.Options) is not { } keyError)
        {
            return requestId;
        }

        await ErrorAsync(context, api, requestId, keyError);
        return null;
    }

    public async Task JsonAsync(HttpContext context, byte[] body)
    {
        runtime.Stats.RecordStatus(200);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public async Task ErrorAsync(HttpContext context, SimulatorApi api, string requestId, WireError error)
    {
        runtime.Stats.RecordStatus(error.Status);
        await ErrorResponses.WriteAsync(context.Response, api, error, requestId, context.RequestAborted);
    }

    /// <summary>Streams a stored file (never loaded into memory); false if it vanished meanwhile (deleted).</summary>
    public async Task<bool> FileAsync(HttpContext context, string path, string contentType)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        await using (stream)
        {
            runtime.Stats.RecordStatus(200);
            context.Response.StatusCode = 200;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = stream.Length;
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
        }

        return true;
    }

    /// <summary>Lifts the server's request size cap (Kestrel's is 30 MB) for uploads the endpoint limits itself.</summary>
    public static void LiftBodyLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }
    }

    /// <summary>Reads a route value.</summary>
    public static string Id(HttpContext context) => context.Request.RouteValues["id"] as string ?? string.Empty;
}
