using System.Text;
using System.Text.Json;
using Switchyard.Batching;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Providers.Anthropic.Batches;

/// <summary>
/// Classifies one Anthropic batch results line (PROTOCOLS.md §7): <c>succeeded</c> is a result; <c>errored</c> by the
/// error type (rate_limit_error rate limited; api_error, overloaded_error and timeouts server error; others invalid
/// request); <c>canceled</c> cancelled; <c>expired</c> expired.
/// </summary>
internal static class AnthropicBatchResult
{
    public static BatchResultLine Read(byte[] line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var customId = root.GetProperty("custom_id").GetString()!;
        var result = root.GetProperty("result");
        switch (result.GetProperty("type").GetString())
        {
            case "succeeded":
                var message = result.GetProperty("message");
                return new BatchResultLine(customId, null, Raw(message), Usage(message),
                    message.TryGetProperty("model", out var model) ? model.GetString() : null);
            case "errored":
                return new BatchResultLine(customId, Classify(result), Raw(result));
            case "canceled":
                return new BatchResultLine(customId, BatchFailureClass.Cancelled, Raw(result));
            case "expired":
                return new BatchResultLine(customId, BatchFailureClass.Expired, Raw(result));
            default:
                return new BatchResultLine(customId, BatchFailureClass.ServerError, Raw(result));
        }
    }

    private static BatchFailureClass Classify(JsonElement result)
    {
        var inner = result.TryGetProperty("error", out var outer) && outer.ValueKind == JsonValueKind.Object
            && outer.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var type = inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            "rate_limit_error" => BatchFailureClass.RateLimited,
            "api_error" or "overloaded_error" or "timeout_error" or null => BatchFailureClass.ServerError,
            _ when IsContentFilter(inner.GetRawText()) => BatchFailureClass.ContentFiltered,
            _ => BatchFailureClass.InvalidRequest,
        };
    }

    // Anthropic has no content-filter error type; its refusals are invalid_request_error naming the content filter.
    private static bool IsContentFilter(string error) =>
        error.Contains("content_filter", StringComparison.OrdinalIgnoreCase) || error.Contains("content filter", StringComparison.OrdinalIgnoreCase);

    // Anthropic's input_tokens excludes cache reads and writes; the canonical count includes them (PROTOCOLS.md §5.4).
    private static TokenUsage? Usage(JsonElement message)
    {
        if (!message.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var read = Int(usage, "cache_read_input_tokens");
        var write = Int(usage, "cache_creation_input_tokens");
        return new TokenUsage(Int(usage, "input_tokens") + read + write, Int(usage, "output_tokens"), read, write);
    }

    private static int Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static byte[] Raw(JsonElement element) => Encoding.UTF8.GetBytes(element.GetRawText());
}
