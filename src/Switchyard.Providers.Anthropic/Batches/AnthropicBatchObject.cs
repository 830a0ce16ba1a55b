using System.Globalization;
using System.Text.Json;
using Switchyard.Providers;

namespace Switchyard.Providers.Anthropic.Batches;

/// <summary>Reads an Anthropic <c>message_batch</c> object (PROTOCOLS.md §7).</summary>
internal static class AnthropicBatchObject
{
    public static RemoteBatch Read(JsonElement batch)
    {
        var status = batch.GetProperty("processing_status").GetString() ?? "unknown";
        int processing = 0, succeeded = 0, errored = 0, canceled = 0, expired = 0;
        if (batch.TryGetProperty("request_counts", out var counts) && counts.ValueKind == JsonValueKind.Object)
        {
            processing = Int(counts, "processing");
            succeeded = Int(counts, "succeeded");
            errored = Int(counts, "errored");
            canceled = Int(counts, "canceled");
            expired = Int(counts, "expired");
        }

        var failed = errored + canceled + expired;
        return new RemoteBatch(
            batch.GetProperty("id").GetString()!, status, status == "ended", processing + succeeded + failed, succeeded + failed, failed)
        {
            CreatedAt = Time(batch, "created_at") ?? DateTimeOffset.MinValue,
            Cancelled = Time(batch, "cancel_initiated_at") is not null,
            Expired = expired > 0,
        };
    }

    private static DateTimeOffset? Time(JsonElement batch, string name) =>
        batch.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time : null;

    private static int Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
