using System.Text.Json;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Batches;

/// <summary>OpenAI file and batch objects and batch output/error lines, field for field as recorded (PROTOCOLS §6).</summary>
internal static class OpenAIBatchJson
{
    public static byte[] File(StoredFile file) => JsonBytes.Write(file, static (w, f) =>
    {
        w.WriteStartObject();
        w.WriteString("object", "file");
        w.WriteString("id", f.Id);
        w.WriteString("purpose", f.Purpose);
        w.WriteString("filename", f.Filename);
        w.WriteNumber("bytes", f.Bytes);
        w.WriteNumber("created_at", f.CreatedAt.ToUnixTimeSeconds());
        w.WriteNumber("expires_at", f.CreatedAt.AddDays(30).ToUnixTimeSeconds());
        w.WriteString("status", "processed");
        w.WriteNull("status_details");
        w.WriteEndObject();
    });

    public static byte[] Deleted(string id, string objectName) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", objectName);
        w.WriteBoolean("deleted", true);
        w.WriteEndObject();
    });

    public static byte[] Batch(SimBatch batch) => JsonBytes.Write(batch, WriteBatch);

    public static byte[] List(IReadOnlyList<SimBatch> page, bool hasMore) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var batch in page)
        {
            WriteBatch(w, batch);
        }

        w.WriteEndArray();
        WriteNullable(w, "first_id", page.Count > 0 ? page[0].Id : null);
        WriteNullable(w, "last_id", page.Count > 0 ? page[^1].Id : null);
        w.WriteBoolean("has_more", hasMore);
        w.WriteEndObject();
    });

    /// <summary>An output line: <c>{"id","custom_id","response":{"status_code":200,"request_id","body"},"error":null}</c>.</summary>
    public static void Success(Utf8JsonWriter w, string customId, byte[] body) => Line(w, customId, 200, body);

    /// <summary>An error-file line for an HTTP error: same shape with a 4xx/5xx status and an OpenAI error body.</summary>
    public static void HttpError(Utf8JsonWriter w, string customId, WireError error) =>
        Line(w, customId, error.Status, ErrorResponses.Body(SimulatorApi.OpenAIChatCompletions, error, string.Empty));

    /// <summary>An error-file line for a request the window closed on: <c>"response":null,"error":{"code":"batch_expired",…}</c>.</summary>
    public static void Expired(Utf8JsonWriter w, string customId)
    {
        w.WriteStartObject();
        w.WriteString("id", BatchIds.RequestId());
        w.WriteString("custom_id", customId);
        w.WriteNull("response");
        w.WriteStartObject("error");
        w.WriteString("code", "batch_expired");
        w.WriteString("message", "This request could not be executed before the completion window expired.");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Line(Utf8JsonWriter w, string customId, int status, byte[] body)
    {
        w.WriteStartObject();
        w.WriteString("id", BatchIds.RequestId());
        w.WriteString("custom_id", customId);
        w.WriteStartObject("response");
        w.WriteNumber("status_code", status);
        w.WriteString("request_id", Ids.OpenAIRequestId());
        w.WritePropertyName("body");
        w.WriteRawValue(body, skipInputValidation: true);
        w.WriteEndObject();
        w.WriteNull("error");
        w.WriteEndObject();
    }

    private static void WriteBatch(Utf8JsonWriter w, SimBatch b)
    {
        lock (b.Gate)
        {
            w.WriteStartObject();
            w.WriteString("id", b.Id);
            w.WriteString("object", "batch");
            w.WriteString("endpoint", b.Endpoint);
            WriteNullable(w, "model", b.Model);
            if (b.Errors is { } errors)
            {
                WriteErrors(w, errors);
            }
            else
            {
                w.WriteNull("errors");
            }

            w.WriteString("input_file_id", b.InputFileId);
            w.WriteString("completion_window", "24h");
            w.WriteString("status", JsonNamingPolicy.SnakeCaseLower.ConvertName(b.Status.ToString()));
            WriteNullable(w, "output_file_id", b.OutputFileId);
            WriteNullable(w, "error_file_id", b.ErrorFileId);
            w.WriteNumber("created_at", b.CreatedAt.ToUnixTimeSeconds());
            WriteTime(w, "in_progress_at", b.InProgressAt);
            w.WriteNumber("expires_at", b.ExpiresAt.ToUnixTimeSeconds());
            WriteTime(w, "finalizing_at", b.FinalizingAt);
            WriteTime(w, "completed_at", b.CompletedAt);
            WriteTime(w, "failed_at", b.FailedAt);
            WriteTime(w, "expired_at", b.ExpiredAt);
            WriteTime(w, "cancelling_at", b.CancellingAt);
            WriteTime(w, "cancelled_at", b.CancelledAt);
            w.WriteStartObject("request_counts");
            w.WriteNumber("total", b.Status is BatchStatus.Validating or BatchStatus.Failed ? 0 : b.Total);
            w.WriteNumber("completed", b.Succeeded);
            w.WriteNumber("failed", b.Errored + b.Expired);
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", b.InputTokens);
            w.WriteNumber("output_tokens", b.OutputTokens);
            w.WriteNumber("total_tokens", b.InputTokens + b.OutputTokens);
            w.WriteStartObject("input_tokens_details");
            w.WriteNumber("cached_tokens", 0);
            w.WriteEndObject();
            w.WriteStartObject("output_tokens_details");
            w.WriteNumber("reasoning_tokens", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            if (b.MetadataJson is { } metadata)
            {
                w.WritePropertyName("metadata");
                w.WriteRawValue(metadata, skipInputValidation: true);
            }
            else
            {
                w.WriteNull("metadata");
            }

            w.WriteEndObject();
        }
    }

    private static void WriteErrors(Utf8JsonWriter w, IReadOnlyList<BatchValidationError> errors)
    {
        w.WriteStartObject("errors");
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var e in errors)
        {
            w.WriteStartObject();
            w.WriteString("code", e.Code);
            w.WriteString("message", e.Message);
            WriteNullable(w, "param", e.Param);
            if (e.Line is { } line)
            {
                w.WriteNumber("line", line);
            }
            else
            {
                w.WriteNull("line");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteNumber(name, t.ToUnixTimeSeconds());
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
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
