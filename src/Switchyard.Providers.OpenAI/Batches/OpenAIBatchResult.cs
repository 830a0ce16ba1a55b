using System.Text.Json;
using Switchyard.Batching;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Providers.OpenAI.Batches;

/// <summary>
/// Classifies one line of an OpenAI batch output or error file (PROTOCOLS.md §6): a 200 response is a result; an HTTP
/// error by status (429 rate limited, 5xx and 408 server error, a content filter code content filtered, other 4xx
/// invalid request); a non-HTTP error by code (<c>batch_expired</c> expired, <c>batch_cancelled</c> cancelled).
/// </summary>
internal static class OpenAIBatchResult
{
    public static BatchResultLine Read(byte[] line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var customId = root.GetProperty("custom_id").GetString()!;
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            var status = response.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : 0;
            var body = response.TryGetProperty("body", out var b) ? b : default;
            if (status is >= 200 and < 300 && body.ValueKind == JsonValueKind.Object)
            {
                return new BatchResultLine(customId, null, Raw(body), Usage(body),
                    body.TryGetProperty("model", out var model) ? model.GetString() : null);
            }

            return new BatchResultLine(customId, Classify(status, body), Raw(response));
        }

        var error = root.TryGetProperty("error", out var e) ? e : default;
        var errorCode = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.GetString() : null;
        var failure = errorCode switch
        {
            "batch_expired" => BatchFailureClass.Expired,
            "batch_cancelled" or "cancelled" => BatchFailureClass.Cancelled,
            _ => BatchFailureClass.ServerError,
        };
        return new BatchResultLine(customId, failure, error.ValueKind == JsonValueKind.Undefined ? "null"u8.ToArray() : Raw(error));
    }

    private static BatchFailureClass Classify(int status, JsonElement body)
    {
        if (status == 429)
        {
            return BatchFailureClass.RateLimited;
        }

        if (status >= 500 || status == 408 || status == 0)
        {
            return BatchFailureClass.ServerError;
        }

        var text = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) ? error.GetRawText() : string.Empty;
        return text.Contains("content_filter", StringComparison.Ordinal) || text.Contains("content_policy", StringComparison.Ordinal)
            ? BatchFailureClass.ContentFiltered
            : BatchFailureClass.InvalidRequest;
    }

    private static TokenUsage? Usage(JsonElement body)
    {
        if (!body.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var cached = usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("cached_tokens", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
        return new TokenUsage(Int(usage, "prompt_tokens"), Int(usage, "completion_tokens"), cached);
    }

    private static int Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    // The element's bytes as the provider wrote them (JsonDocument keeps offsets into the line).
    private static byte[] Raw(JsonElement element) => System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
}
