using System.Text;
using System.Text.Json;
using Switchyard.Failures;

namespace Switchyard.Providers.Anthropic;

/// <summary>Anthropic error bodies both ways: <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
internal static class AnthropicErrorCodec
{
    private const string ProviderName = "anthropic";

    /// <summary>
    /// Writes a caller-facing error body. Anthropic errors have no <c>param</c>, so a known parameter is folded into the
    /// message the way the API words it (<c>messages.1.content: …</c>). <c>request_id</c> carries the provider's id when
    /// the failure came from upstream (useful in support tickets); the HTTP front door fills in the gateway's own id for
    /// its refusals; null when there is neither.
    /// </summary>
    public static byte[] Write(Failure failure) => AnthropicJson.Write(failure, static (w, f) =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WritePropertyName("error");
        WriteErrorObject(w, f);
        if (f.ProviderRequestId is null)
        {
            w.WriteNull("request_id");
        }
        else
        {
            w.WriteString("request_id", f.ProviderRequestId);
        }

        w.WriteEndObject();
    });

    /// <summary>Writes the inner <c>{"type","message"}</c> object (shared with the stream's <c>error</c> event).</summary>
    public static void WriteErrorObject(Utf8JsonWriter writer, Failure failure)
    {
        writer.WriteStartObject();
        writer.WriteString("type", AnthropicErrorTypes.ToWire(failure.Kind));
        writer.WriteString("message", MessageWithParam(failure));
        AttemptsJson.WriteIfAny(writer, failure);
        writer.WriteEndObject();
    }

    /// <summary>Classifies a non-2xx response. Never throws: an empty or non-JSON body is classified by status alone.</summary>
    public static Failure Read(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter)
    {
        string? type = null;
        string? message = null;
        string? requestId = null;
        if (!body.IsEmpty)
        {
            try
            {
                using var doc = JsonDocument.Parse(body.ToArray(), AnthropicJson.DocumentOptions);
                var root = doc.RootElement;
                if (root.TryGet("error", out var error))
                {
                    type = error.GetStringOrNull("type");
                    message = error.GetStringOrNull("message");
                }

                requestId = root.GetStringOrNull("request_id");
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, a truncated body): the status still classifies it.
            }
        }

        var kind = AnthropicErrorTypes.Classify(type, message, status, FailureKind.ServerError);
        return new Failure(kind, message ?? $"Anthropic returned HTTP {status}{Describe(body)}.")
        {
            ProviderStatus = status,
            ProviderErrorType = type,
            RetryAfter = retryAfter,
            ProviderRequestId = requestId,
            Provider = ProviderName,
        };
    }

    /// <summary>Classifies the <c>error</c> object of an in-stream <c>error</c> event.</summary>
    public static Failure ReadStreamError(JsonElement root)
    {
        root.TryGet("error", out var error);
        var type = error.GetStringOrNull("type");
        var message = error.GetStringOrNull("message");
        var kind = AnthropicErrorTypes.Classify(type, message, status: null, FailureKind.StreamBroken);
        return new Failure(kind, message ?? $"Anthropic sent a stream error of type '{type ?? "unknown"}'.")
        {
            ProviderErrorType = type,
            ProviderRequestId = root.GetStringOrNull("request_id"),
            Provider = ProviderName,
        };
    }

    private static string MessageWithParam(Failure failure) =>
        failure.Param is { Length: > 0 } param && !failure.Message.StartsWith(param + ":", StringComparison.Ordinal)
            ? $"{param}: {failure.Message}"
            : failure.Message;

    // A short, printable excerpt helps operators; HTML pages and binary junk are left out.
    private static string Describe(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body[0] == (byte)'<')
        {
            return string.Empty;
        }

        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).Trim();
        return text.Length == 0 || text.Any(char.IsControl) ? string.Empty : $": {text}";
    }
}
