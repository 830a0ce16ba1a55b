using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// <c>GET /v1/models</c>: the models this gateway can route, in OpenAI's list shape, or in Anthropic's when the
/// caller sends <c>anthropic-version</c> (both SDKs call the same path).
/// </summary>
internal sealed class ModelsEndpoint(GatewayRuntime runtime)
{
    public async Task HandleAsync(HttpContext context)
    {
        var anthropicCaller = context.Request.Headers.ContainsKey("anthropic-version");
        IWireCodec codec = anthropicCaller ? GatewayRuntime.AnthropicCodec : GatewayRuntime.OpenAICodec;
        var key = ApiKeyReader.Read(context.Request);
        var snapshot = runtime.Current;
        if (key is null || snapshot.Keys.Find(key) is null)
        {
            var failure = new Failure(FailureKind.Unauthenticated, key is null ? "No API key provided." : "Invalid API key.");
            await FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);
            return;
        }

        var models = snapshot.ListModels(runtime.Providers);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (anthropicCaller)
        {
            writer.WriteStartArray("data");
            foreach (var (id, _) in models)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "model");
                writer.WriteString("id", id);
                writer.WriteString("display_name", id);
                writer.WriteString("created_at", "2025-01-01T00:00:00Z");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteBoolean("has_more", false);
            writer.WriteString("first_id", models.Count > 0 ? models[0].Id : null);
            writer.WriteString("last_id", models.Count > 0 ? models[^1].Id : null);
        }
        else
        {
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var (id, owner) in models)
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("object", "model");
                writer.WriteNumber("created", 1735689600);
                writer.WriteString("owned_by", owner);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
