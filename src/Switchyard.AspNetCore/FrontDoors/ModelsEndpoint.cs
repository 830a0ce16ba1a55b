using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Providers;
using Switchyard.Routing;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the models this gateway can route, in OpenAI's shapes, or in
/// Anthropic's when the caller sends <c>anthropic-version</c> (both SDKs call the same paths).
/// </summary>
internal sealed class ModelsEndpoint(GatewayRuntime runtime)
{
    // Neither list says when a model was made; a fixed date keeps the field's type without inventing one per model.
    private const long CreatedUnix = 1735689600;
    private const string CreatedAt = "2025-01-01T00:00:00Z";

    public async Task HandleAsync(HttpContext context)
    {
        var anthropicCaller = IsAnthropicCaller(context.Request);
        if (!await AuthorizeAsync(context, anthropicCaller))
        {
            return;
        }

        var models = runtime.Current.ListModels(runtime.Providers);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (anthropicCaller)
        {
            writer.WriteStartArray("data");
            foreach (var (id, owner) in models)
            {
                WriteModel(writer, id, owner, anthropicCaller);
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
                WriteModel(writer, id, owner, anthropicCaller);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// One model: a listed one, or any other name a request could use (a plain model of a configured provider, which the
    /// list cannot enumerate); 404 in the caller's format when no route or provider serves it, as a chat request would.
    /// </summary>
    public async Task RetrieveAsync(HttpContext context, string id)
    {
        var anthropicCaller = IsAnthropicCaller(context.Request);
        if (!await AuthorizeAsync(context, anthropicCaller))
        {
            return;
        }

        var snapshot = runtime.Current;
        var owner = snapshot.ListModels(runtime.Providers).FirstOrDefault(m => m.Id == id).Owner
            ?? snapshot.Forwarder.Routes.Find(id) switch
            {
                null => null,
                { IsImplicit: true } route => route.Targets[0].Provider,
                _ => "switchyard",
            };
        if (owner is null)
        {
            var failure = ModelName.NotServed(id);
            await FailureResponder.WriteAsync(context, Codec(anthropicCaller), failure, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        WriteModel(writer, id, owner, anthropicCaller);
        await writer.FlushAsync(context.RequestAborted);
    }

    private static bool IsAnthropicCaller(HttpRequest request) => request.Headers.ContainsKey("anthropic-version");

    private static IWireCodec Codec(bool anthropicCaller) => anthropicCaller ? GatewayRuntime.AnthropicCodec : GatewayRuntime.OpenAICodec;

    private async ValueTask<bool> AuthorizeAsync(HttpContext context, bool anthropicCaller)
    {
        var key = ApiKeyReader.Read(context.Request);
        if (key is not null && runtime.Current.Keys.Find(key) is not null)
        {
            return true;
        }

        var failure = new Failure(FailureKind.Unauthenticated, key is null ? "No API key provided." : "Invalid API key.");
        await FailureResponder.WriteAsync(context, Codec(anthropicCaller), failure, context.RequestAborted);
        return false;
    }

    private static void WriteModel(Utf8JsonWriter writer, string id, string owner, bool anthropicCaller)
    {
        writer.WriteStartObject();
        if (anthropicCaller)
        {
            writer.WriteString("type", "model");
            writer.WriteString("id", id);
            writer.WriteString("display_name", id);
            writer.WriteString("created_at", CreatedAt);
        }
        else
        {
            writer.WriteString("id", id);
            writer.WriteString("object", "model");
            writer.WriteNumber("created", CreatedUnix);
            writer.WriteString("owned_by", owner);
        }

        writer.WriteEndObject();
    }
}
