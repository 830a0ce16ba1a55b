using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Failures;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>Response objects the gateway writes itself (the rest come from the Responses codec).</summary>
internal static class ResponseObjects
{
    /// <summary>A response that has not produced output yet (<c>queued</c> / <c>in_progress</c>).</summary>
    public static byte[] Pending(string id, string model, DateTimeOffset createdAt, string status, bool background)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("object", "response");
            json.WriteNumber("created_at", createdAt.ToUnixTimeSeconds());
            json.WriteString("status", status);
            json.WriteBoolean("background", background);
            json.WriteNull("error");
            json.WriteNull("incomplete_details");
            json.WriteString("model", model);
            json.WriteStartArray("output");
            json.WriteEndArray();
            json.WriteBoolean("parallel_tool_calls", true);
            json.WriteBoolean("store", true);
            json.WriteString("tool_choice", "auto");
            json.WriteStartArray("tools");
            json.WriteEndArray();
            json.WriteNull("usage");
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A response that failed before producing any output.</summary>
    public static byte[] Failed(string id, string model, DateTimeOffset createdAt, Failure failure, bool background)
    {
        var node = JsonNode.Parse(Pending(id, model, createdAt, "failed", background))!.AsObject();
        node["error"] = new JsonObject { ["code"] = CodeOf(failure), ["message"] = failure.Message };
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    /// <summary>Wraps a response object as the data of its terminal stream event.</summary>
    public static byte[] TerminalEvent(string type, ReadOnlySpan<byte> response)
    {
        var buffer = new ArrayBufferWriter<byte>(response.Length + 64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteNumber("sequence_number", 0);
            json.WritePropertyName("response");
            json.WriteRawValue(response, skipInputValidation: true);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string CodeOf(Failure failure) => failure.Kind switch
    {
        FailureKind.RateLimited => "rate_limit_exceeded",
        FailureKind.QuotaExhausted or FailureKind.BudgetExceeded => "insufficient_quota",
        FailureKind.InvalidRequest or FailureKind.ContextTooLong => "invalid_prompt",
        FailureKind.Cancelled => "cancelled",
        _ => "server_error",
    };
}
