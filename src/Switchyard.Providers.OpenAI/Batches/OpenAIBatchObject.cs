using System.Text.Json;
using Switchyard.Providers;

namespace Switchyard.Providers.OpenAI.Batches;

/// <summary>Reads an OpenAI <c>batch</c> object (PROTOCOLS.md §6).</summary>
internal static class OpenAIBatchObject
{
    public static RemoteBatch Read(JsonElement batch)
    {
        var status = batch.GetProperty("status").GetString() ?? "unknown";
        int total = 0, completed = 0, failed = 0;
        if (batch.TryGetProperty("request_counts", out var counts) && counts.ValueKind == JsonValueKind.Object)
        {
            total = Int(counts, "total");
            completed = Int(counts, "completed");
            failed = Int(counts, "failed");
        }

        return new RemoteBatch(
            batch.GetProperty("id").GetString()!, status, status is "completed" or "failed" or "expired" or "cancelled", total, completed + failed, failed)
        {
            Marker = batch.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty(OpenAIBatchProvider.MarkerKey, out var marker) ? marker.GetString() : null,
            CreatedAt = batch.TryGetProperty("created_at", out var created) && created.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeSeconds(created.GetInt64()) : DateTimeOffset.MinValue,
            Rejected = status == "failed",
            Cancelled = status is "cancelled" or "cancelling",
            Expired = status == "expired",
            Error = Errors(batch),
            OutputFileId = String(batch, "output_file_id"),
            ErrorFileId = String(batch, "error_file_id"),
        };
    }

    private static string? Errors(JsonElement batch)
    {
        if (!batch.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object
            || !errors.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            return null;
        }

        return string.Join("; ", data.EnumerateArray().Take(5).Select(e =>
            (String(e, "code") is { } code ? code + ": " : string.Empty) + String(e, "message")
            + (e.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? $" (line {line.GetInt32()})" : string.Empty)));
    }

    private static int Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
