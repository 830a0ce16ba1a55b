using System.Globalization;
using System.Text.Json;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Batches;

/// <summary>Anthropic <c>message_batch</c> objects, lists and results lines (PROTOCOLS §7). Times are RFC 3339 strings.</summary>
internal static class AnthropicBatchJson
{
    public static byte[] Batch(SimBatch batch, string resultsUrl) => JsonBytes.Write(w => WriteBatch(w, batch, resultsUrl));

    /// <param name="page">The batches of the page, newest first.</param>
    /// <param name="hasMore">Whether more batches lie beyond the page in the paging direction.</param>
    /// <param name="resultsUrl">The results URL of a batch id.</param>
    public static byte[] List(IReadOnlyList<SimBatch> page, bool hasMore, Func<string, string> resultsUrl) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var batch in page)
        {
            WriteBatch(w, batch, resultsUrl(batch.Id));
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", hasMore);
        WriteNullable(w, "first_id", page.Count > 0 ? page[0].Id : null);
        WriteNullable(w, "last_id", page.Count > 0 ? page[^1].Id : null);
        w.WriteEndObject();
    });

    public static byte[] Deleted(string id) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("type", "message_batch_deleted");
        w.WriteEndObject();
    });

    public static void Succeeded(Utf8JsonWriter w, string customId, byte[] message)
    {
        Start(w, customId, "succeeded");
        w.WritePropertyName("message");
        w.WriteRawValue(message, skipInputValidation: true);
        End(w);
    }

    public static void Errored(Utf8JsonWriter w, string customId, WireError error)
    {
        Start(w, customId, "errored");
        w.WritePropertyName("error");
        w.WriteRawValue(ErrorResponses.Body(SimulatorApi.AnthropicMessages, error, Ids.AnthropicRequestId()), skipInputValidation: true);
        End(w);
    }

    /// <summary>A <c>canceled</c> result line.</summary>
    public static byte[] Canceled(string customId) => JsonBytes.Write(customId, static (w, id) => Bare(w, id, "canceled"));

    /// <summary>A result with no payload: <c>canceled</c> or <c>expired</c>.</summary>
    public static void Bare(Utf8JsonWriter w, string customId, string type)
    {
        Start(w, customId, type);
        End(w);
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Start(Utf8JsonWriter w, string customId, string type)
    {
        w.WriteStartObject();
        w.WriteString("custom_id", customId);
        w.WriteStartObject("result");
        w.WriteString("type", type);
    }

    private static void End(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteBatch(Utf8JsonWriter w, SimBatch b, string resultsUrl)
    {
        lock (b.Gate)
        {
            var ended = b.IsTerminal;
            w.WriteStartObject();
            w.WriteString("id", b.Id);
            w.WriteString("type", "message_batch");
            w.WriteString("processing_status", b.AnthropicStatus);
            // Every count but processing stays 0 until the whole batch has ended (PROTOCOLS §7).
            w.WriteStartObject("request_counts");
            w.WriteNumber("processing", ended ? 0 : b.Total);
            w.WriteNumber("succeeded", ended ? b.Succeeded : 0);
            w.WriteNumber("errored", ended ? b.Errored : 0);
            w.WriteNumber("canceled", ended ? b.Canceled : 0);
            w.WriteNumber("expired", ended ? b.Expired : 0);
            w.WriteEndObject();
            WriteTime(w, "ended_at", ended ? b.EndedAt : null);
            w.WriteString("created_at", Time(b.CreatedAt));
            w.WriteString("expires_at", Time(b.ExpiresAt));
            w.WriteNull("archived_at");
            WriteTime(w, "cancel_initiated_at", b.CancellingAt);
            WriteNullable(w, "results_url", ended ? resultsUrl : null);
            w.WriteEndObject();
        }
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time) => WriteNullable(w, name, time is { } t ? Time(t) : null);

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
