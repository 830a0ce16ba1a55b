using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Batches;

/// <summary>
/// Checks a Message Batches create body as the real API does at create time (1–100,000 requests, custom_id
/// <c>^[a-zA-Z0-9_-]{1,64}$</c> and unique, params an object) and writes its requests as JSONL, one
/// <c>{custom_id, params}</c> per line, for the runner to read by position.
/// </summary>
internal static partial class AnthropicBatchInput
{
    public const int MaxRequests = 100_000;

    /// <summary>Returns the error to answer with, or null once <paramref name="linesPath"/> holds the requests.</summary>
    public static async Task<WireError?> WriteLinesAsync(string bodyPath, string linesPath, CancellationToken ct)
    {
        // JsonDocument holds the body once more in memory (tens of MB for 100,000 typical requests); the upload itself
        // went to disk, so only the parse is resident, and only for the duration of the create call.
        JsonDocument document;
        await using (var body = new FileStream(bodyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
        {
            try
            {
                document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            }
            catch (JsonException e)
            {
                return Invalid($"There was an issue with the request body: invalid JSON ({e.Message})");
            }
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("requests", out var requests) || requests.ValueKind != JsonValueKind.Array)
            {
                return Invalid("requests: Field required");
            }

            var count = requests.GetArrayLength();
            if (count is 0 or > MaxRequests)
            {
                return Invalid($"requests: List should have between 1 and {MaxRequests} items, not {count}");
            }

            if (Check(requests) is { } invalid)
            {
                return invalid;
            }

            await using var lines = new FileStream(linesPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
            await using var writer = new Utf8JsonWriter(lines);
            foreach (var request in requests.EnumerateArray())
            {
                request.WriteTo(writer);
                await writer.FlushAsync(ct);
                writer.Reset();
                lines.WriteByte((byte)'\n');
            }
        }

        return null;
    }

    private static WireError? Check(JsonElement requests)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var request in requests.EnumerateArray())
        {
            if (request.ValueKind != JsonValueKind.Object)
            {
                return Invalid($"requests.{i}: Input should be a valid dictionary");
            }

            if (!request.TryGetProperty("custom_id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return Invalid($"requests.{i}.custom_id: Field required");
            }

            // GetString throws on invalid UTF-8 or a lone surrogate escape; neither can match the ASCII-only pattern.
            if (ReadableString(id) is not { } customId || !CustomId().IsMatch(customId))
            {
                return Invalid($"requests.{i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{{1,64}}$'");
            }

            if (!seen.Add(customId))
            {
                return Invalid($"requests: custom_id '{customId}' is used more than once; custom_ids must be unique within a batch.");
            }

            if (!request.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                return Invalid($"requests.{i}.params: Input should be a valid dictionary");
            }

            if (parameters.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
            {
                return Invalid($"requests.{i}.params.stream: streaming is not supported in message batches");
            }

            i++;
        }

        return null;
    }

    private static string? ReadableString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CustomId();

    private static WireError Invalid(string message) => new(400, "invalid_request_error", message);
}
