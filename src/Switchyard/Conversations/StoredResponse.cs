using Switchyard.Model;

namespace Switchyard.Conversations;

/// <summary>
/// One stored Responses API response in canonical form: what <c>previous_response_id</c> continues from, whichever
/// provider served it.
/// </summary>
/// <param name="Id">The gateway's response id (<c>resp_…</c>).</param>
/// <param name="Tenant">The tenant that created it; no other tenant can read, continue or delete it.</param>
/// <param name="PreviousResponseId">The response it continued, or null for the first of a conversation.</param>
/// <param name="SessionId">The conversation it belongs to: an explicit session id, else the id of the chain's first response.</param>
/// <param name="Input">The input items of this request (without its <c>instructions</c>, which are not carried over).</param>
/// <param name="Output">The assistant output (text and tool calls), as one or more assistant messages.</param>
public sealed record StoredResponse(
    string Id,
    string Tenant,
    string? PreviousResponseId,
    string SessionId,
    IReadOnlyList<ChatMessage> Input,
    IReadOnlyList<ChatMessage> Output)
{
    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The model the client asked for.</summary>
    public string? Model { get; init; }

    /// <summary>The final response object as the client received it (for <c>GET /v1/responses/{id}</c>); may be null.</summary>
    public byte[]? ResponseObject { get; init; }
}
