using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Hosting.Memory;
using Switchyard.Memory;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.Memory;

/// <summary>
/// Where a request names its memory session: the <c>x-switchyard-session</c> header on every door, or
/// <c>metadata.session_id</c> in the body on the OpenAI doors (Chat Completions and Responses both accept string
/// metadata). Anthropic's <c>metadata</c> allows only <c>user_id</c> (the API rejects other fields, and a same-format
/// route forwards the body), so on <c>/v1/messages</c> only the header counts.
/// </summary>
internal static class SessionIds
{
    /// <summary>The request header that names a session.</summary>
    public const string Header = "x-switchyard-session";

    /// <summary>The session id the request names, or null; check it with <see cref="Switchyard.Hosting.Memory.SessionMemory.IsValid"/>.</summary>
    public static string? Read(HttpRequest request, ReadOnlyMemory<byte> body, WireFormat format)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers[Header].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        return format == WireFormat.AnthropicMessages ? null : FromMetadata(body);
    }

    private static string? FromMetadata(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("metadata", out var metadata)
                && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("session_id", out var session)
                && session.ValueKind == JsonValueKind.String
                && session.GetString() is { Length: > 0 } id
                ? id
                : null;
        }
        catch (JsonException)
        {
            return null; // The door's reader validated the body already.
        }
    }
}
