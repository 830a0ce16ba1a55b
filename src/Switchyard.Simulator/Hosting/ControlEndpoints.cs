using System.Text;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>The <c>/_sim/*</c> control plane: scenario get/put, stats, captured requests, reset. Not counted in stats.</summary>
internal sealed class ControlEndpoints(SimulatorRuntime runtime)
{
    public async Task PutScenarioAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(context.RequestAborted);
        Scenario scenario;
        try
        {
            scenario = Scenario.Parse(json);
        }
        catch (ScenarioException e)
        {
            // The last good scenario keeps running; the caller learns exactly what was wrong.
            await WriteJsonAsync(context, 400, JsonBytes.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("error", e.Message);
                w.WriteString("path", e.JsonPath);
                w.WriteEndObject();
            }));
            return;
        }

        runtime.Install(scenario);
        await WriteJsonAsync(context, 200, Encoding.UTF8.GetBytes(scenario.ToJson()));
    }

    public Task GetScenarioAsync(HttpContext context) =>
        WriteJsonAsync(context, 200, Encoding.UTF8.GetBytes(runtime.State.Scenario.ToJson()));

    public Task GetStatsAsync(HttpContext context) => WriteJsonAsync(context, 200, JsonBytes.Write(runtime.Stats.Write));

    public Task GetRequestsAsync(HttpContext context) => WriteJsonAsync(context, 200, JsonBytes.Write(runtime.Requests.Write));

    public Task ResetAsync(HttpContext context)
    {
        runtime.Reset();
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    public static Task ListModelsAsync(HttpContext context) => WriteJsonAsync(context, 200, JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var model in Requests.ModelCatalog.OpenAIModels)
        {
            w.WriteStartObject();
            w.WriteString("id", model);
            w.WriteString("object", "model");
            w.WriteNumber("created", 1_715_367_049);
            w.WriteString("owned_by", "system");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }));

    private static async Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
