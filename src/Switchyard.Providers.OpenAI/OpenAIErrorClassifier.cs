using System.Text;
using System.Text.Json;
using Switchyard.Failures;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Classifies OpenAI errors (PROTOCOLS.md §3.1) into the failure vocabulary: first by the error's <c>code</c> and
/// <c>type</c>, which are more precise than the status (a 429 can be a rate limit or an exhausted quota), then by status.
/// </summary>
internal static class OpenAIErrorClassifier
{
    private const string Provider = "openai";

    /// <summary>Classifies a non-2xx HTTP answer; empty and non-JSON bodies are classified by status alone.</summary>
    public static Failure Read(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter)
    {
        JsonElement? error = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                using (document)
                {
                    if (JsonRead.Object(document.RootElement, "error") is { } e)
                    {
                        error = e.Clone();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML page from a proxy, a truncated body): the status still classifies it.
        }

        var failure = error is { } found
            ? Classify(status, found, retryAfter)
            : new Failure(ByStatus(status), $"OpenAI returned HTTP {status}{Describe(body)}.") { Provider = Provider };
        return failure with { ProviderStatus = status, RetryAfter = retryAfter };
    }

    /// <summary>Classifies an <c>{"error":{…}}</c> object; <paramref name="status"/> is null inside a 200 stream.</summary>
    public static Failure Classify(int? status, JsonElement error, TimeSpan? retryAfter)
    {
        var type = JsonRead.String(error, "type");
        var code = JsonRead.String(error, "code");
        var message = JsonRead.String(error, "message");
        var kind = ByCode(code) ?? ByCode(type) ?? ByMessage(message) ?? (status is { } s ? ByStatus(s) : ByStreamType(type));
        return new Failure(kind, string.IsNullOrEmpty(message) ? $"OpenAI returned an error ({code ?? type ?? "unknown"})." : message)
        {
            ProviderStatus = status,
            ProviderErrorType = type,
            ProviderErrorCode = code,
            Param = JsonRead.String(error, "param"),
            RetryAfter = retryAfter,
            Provider = Provider,
        };
    }

    /// <summary>
    /// Classifies a Responses <c>response.error</c> (<c>{code, message}</c>, no type, no status): the code stands in for
    /// the type, so <c>server_error</c> reads as a server failure rather than an unknown one.
    /// </summary>
    public static Failure ClassifyResponseError(JsonElement error)
    {
        var failure = Classify(null, error, null);
        return JsonRead.String(error, "type") is null or "error" && failure.Kind == FailureKind.StreamBroken
            ? failure with { Kind = ByStreamType(failure.ProviderErrorCode) }
            : failure;
    }

    private static FailureKind? ByCode(string? code) => code switch
    {
        "insufficient_quota" or "billing_hard_limit_reached" => FailureKind.QuotaExhausted,
        "context_length_exceeded" or "string_above_max_length" => FailureKind.ContextTooLong,
        "content_filter" or "content_policy_violation" or "invalid_prompt" => FailureKind.ContentFiltered,
        "rate_limit_exceeded" or "slow_down" or "tokens" or "requests" => FailureKind.RateLimited,
        "server_is_overloaded" or "service_unavailable_error" or "overloaded_error" or "overloaded" => FailureKind.Overloaded,
        "invalid_api_key" or "authentication_error" => FailureKind.Unauthenticated,
        "model_not_found" => FailureKind.NotFound,
        "request_too_large" => FailureKind.PayloadTooLarge,
        "unsupported_country_region_territory" or "request_forbidden" or "permission_error" => FailureKind.PermissionDenied,
        _ => null,
    };

    private static FailureKind? ByMessage(string? message) =>
        message is not null && (message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context window", StringComparison.OrdinalIgnoreCase))
            ? FailureKind.ContextTooLong
            : null;

    /// <summary>An error inside a 200 stream has no status; its type decides, and an unknown one is a broken stream.</summary>
    private static FailureKind ByStreamType(string? type) => type switch
    {
        "server_error" or "api_error" => FailureKind.ServerError,
        "invalid_request_error" => FailureKind.InvalidRequest,
        "timeout" or "timeout_error" => FailureKind.ServerError,
        _ => FailureKind.StreamBroken,
    };

    internal static FailureKind ByStatus(int status) => status switch
    {
        400 or 422 => FailureKind.InvalidRequest,
        401 => FailureKind.Unauthenticated,
        402 => FailureKind.QuotaExhausted,
        403 => FailureKind.PermissionDenied,
        404 => FailureKind.NotFound,
        413 => FailureKind.PayloadTooLarge,
        429 => FailureKind.RateLimited,
        503 or 529 => FailureKind.Overloaded,
        // 408 and 504 are the provider's own timeouts (not the gateway's tiers): a server failure worth a retry.
        // 409 is a lock conflict the SDKs retry.
        408 or 409 or >= 500 => FailureKind.ServerError,
        _ => FailureKind.InvalidRequest,
    };

    private static string Describe(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return " with an empty body";
        }

        // A short excerpt helps operators; the body is untrusted, so it is cut and stripped of control characters.
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]);
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length == 0 ? " with an empty body" : $": {clean}";
    }
}
