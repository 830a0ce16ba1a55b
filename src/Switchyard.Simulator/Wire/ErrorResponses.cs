using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Wire;

/// <summary>Writes provider error bodies: OpenAI <c>{"error":{…}}</c>, Anthropic <c>{"type":"error",…,"request_id"}</c>.</summary>
internal static class ErrorResponses
{
    public static byte[] Body(SimulatorApi api, WireError error, string requestId) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        if (api != SimulatorApi.AnthropicMessages)
        {
            w.WriteStartObject("error");
            w.WriteString("message", error.Message);
            w.WriteString("type", error.Type);
            WriteNullable(w, "param", error.Param);
            WriteNullable(w, "code", error.Code);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("type", "error");
            w.WriteStartObject("error");
            w.WriteString("type", error.Type);
            w.WriteString("message", error.Message);
            w.WriteEndObject();
            w.WriteString("request_id", requestId);
        }

        w.WriteEndObject();
    });

    public static async Task WriteAsync(HttpResponse response, SimulatorApi api, WireError error, string requestId, CancellationToken ct)
    {
        var body = Body(api, error, requestId);
        response.StatusCode = error.Status;
        response.ContentType = api != SimulatorApi.AnthropicMessages ? "application/json; charset=utf-8" : "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
    }

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
