using System.Text.Json.Nodes;
using Switchyard.Streaming;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// Stored Responses responses live in the delta log, under their response id: a streamed one is its events (the
/// terminal event carries the whole response); a non-streamed one is stored as a single terminal event. They are kept
/// as long as the log keeps streams (<c>Streams:RetentionSeconds</c>).
/// </summary>
internal static class ResponseArchive
{
    private static readonly string[] TerminalTypes = ["response.completed", "response.incomplete", "response.failed"];

    /// <summary>Stores a finished response object (non-streamed, or failed before it streamed).</summary>
    public static async Task StoreAsync(IDeltaLog log, string tenant, string id, string type, byte[] response, TimeProvider time)
    {
        await log.CreateAsync(new StreamHeader(id, tenant, FrontDoorNames.Of(Providers.WireFormat.OpenAIResponses), time.GetUtcNow()), CancellationToken.None);
        log.Append(id, new StreamEventRecord(0, type, ResponseObjects.TerminalEvent(type, response)));
        await log.CompleteAsync(id, type == "response.failed" ? StreamState.Failed : StreamState.Completed, CancellationToken.None);
    }

    /// <summary>
    /// The response object as it stands now, or null when the log has no such response for <paramref name="tenant"/>.
    /// A stream still being generated reads as <c>in_progress</c>; one whose process stopped reads as <c>failed</c>.
    /// </summary>
    public static async Task<JsonObject?> FindAsync(IDeltaLog log, string tenant, string id, CancellationToken cancellationToken)
    {
        var header = await log.GetHeaderAsync(id, tenant, cancellationToken);
        if (header is null || header.FrontDoor != FrontDoorNames.Of(Providers.WireFormat.OpenAIResponses))
        {
            return null;
        }

        var state = await log.GetStateAsync(id, tenant, cancellationToken);
        JsonObject? latest = null;
        if (state is not StreamState.Open)
        {
            // An ended stream is read from the file alone: the enumeration ends after its last event.
            await foreach (var record in log.ReadAsync(id, tenant, -1, cancellationToken))
            {
                if (record.EventType is "response.created" or "response.in_progress" || TerminalTypes.Contains(record.EventType))
                {
                    latest = JsonNode.Parse(record.Data.Span)?["response"]?.AsObject() ?? latest;
                }
            }
        }

        latest ??= new JsonObject { ["id"] = id, ["object"] = "response", ["created_at"] = header.CreatedAt.ToUnixTimeSeconds(), ["output"] = new JsonArray() };
        latest = (JsonObject)latest.DeepClone();
        var status = latest["status"]?.GetValue<string>();
        if (state is StreamState.Open)
        {
            latest["status"] = "in_progress";
        }
        else if (state is StreamState.Interrupted && status is "queued" or "in_progress" or null)
        {
            latest["status"] = "failed";
            latest["error"] = new JsonObject { ["code"] = "server_error", ["message"] = "The gateway stopped while generating this response." };
        }
        else if (status == "failed" && latest["error"]?["code"]?.GetValue<string>() == "cancelled")
        {
            latest["status"] = "cancelled";
            latest["error"] = null;
        }

        return latest;
    }
}
