using System.Buffers;
using System.Text.Json;
using Switchyard.Failures;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Writes <c>{"error":{"message","type","param","code"}}</c> (all four keys always present, as OpenAI does) so the
/// official SDKs raise their usual exception types. Also used for the in-stream error chunk.
/// </summary>
internal static class OpenAIErrorWriter
{
    public static byte[] Write(Failure failure)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, failure, includeParam: true);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, Failure failure, bool includeParam)
    {
        var (type, code) = TypeAndCode(failure);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", failure.Message);
        writer.WriteString("type", type);
        writer.WriteString("param", includeParam ? failure.Param : null);
        writer.WriteString("code", code);
        AttemptsJson.WriteIfAny(writer, failure);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The type and code a caller sees. An error that came from OpenAI keeps OpenAI's own type and code (a same-format
    /// client gets exactly what OpenAI said); a gateway-side failure with a code of its own keeps that code; every other
    /// failure is described by its kind.
    /// </summary>
    internal static (string Type, string? Code) TypeAndCode(Failure failure)
    {
        var byKind = ByKind(failure.Kind);
        if (failure.Provider is null && failure.ProviderErrorCode is { } own)
        {
            // The gateway answering as OpenAI would (e.g. previous_response_not_found): its own, more precise code.
            return (byKind.Type, own);
        }

        if (failure.Provider is null && failure.Kind == FailureKind.NotFound)
        {
            // The gateway's own 404s name an endpoint, a stored response, a stream, a file or a batch, which OpenAI
            // answers without a code; model_not_found would send an SDK user looking for a model problem. The gateway's
            // unknown-model refusal carries model_not_found as its own code.
            return (byKind.Type, null);
        }

        return failure.Provider == "openai" && failure.ProviderErrorType is { } type
            ? (type, failure.ProviderErrorCode)
            : byKind;
    }

    internal static (string Type, string? Code) ByKind(FailureKind kind) =>
#pragma warning disable CS8524 // The enum is closed; a missing named value still fails the build (CS8509).
        kind switch
        {
            FailureKind.InvalidRequest => ("invalid_request_error", null),
            FailureKind.Unauthenticated => ("invalid_request_error", "invalid_api_key"),
            FailureKind.PermissionDenied => ("invalid_request_error", "permission_denied"),
            FailureKind.NotFound => ("invalid_request_error", "model_not_found"),
            FailureKind.PayloadTooLarge => ("invalid_request_error", "request_too_large"),
            FailureKind.ContextTooLong => ("invalid_request_error", "context_length_exceeded"),
            FailureKind.ContentFiltered => ("invalid_request_error", "content_filter"),
            FailureKind.RateLimited => ("requests", "rate_limit_exceeded"),
            FailureKind.QuotaExhausted => ("insufficient_quota", "insufficient_quota"),
            FailureKind.BudgetExceeded => ("insufficient_quota", "budget_exceeded"),
            FailureKind.Overloaded => ("service_unavailable_error", "server_is_overloaded"),
            FailureKind.CircuitOpen => ("service_unavailable_error", "circuit_open"),
            FailureKind.ServerError => ("server_error", null),
            FailureKind.StreamBroken => ("server_error", "stream_broken"),
            FailureKind.ProviderAccessDenied => ("server_error", "provider_access_denied"),
            FailureKind.ConnectFailed => ("server_error", "connect_failed"),
            FailureKind.FirstTokenTimeout => ("timeout", "first_token_timeout"),
            FailureKind.IdleTimeout => ("timeout", "idle_timeout"),
            FailureKind.DeadlineExceeded => ("timeout", "deadline_exceeded"),
            FailureKind.Cancelled => ("invalid_request_error", "cancelled"),
            FailureKind.IdempotencyMismatch => ("invalid_request_error", "idempotency_key_reused"),
            FailureKind.Conflict => ("invalid_request_error", "idempotency_key_in_use"),
        };
#pragma warning restore CS8524
}
