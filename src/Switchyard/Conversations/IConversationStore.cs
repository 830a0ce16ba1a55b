namespace Switchyard.Conversations;

/// <summary>
/// Stored Responses API responses in canonical form, per tenant, kept for a retention time: the state behind
/// <c>previous_response_id</c>, <c>GET</c> after the stream log forgot a response, and <c>DELETE</c>.
/// Implementations are thread-safe. A tenant never sees another tenant's responses: every call is scoped by tenant, and an
/// id of another tenant reads exactly like an unknown one.
/// </summary>
public interface IConversationStore
{
    /// <summary>Stores <paramref name="response"/>, and keeps its whole chain for the retention from now.</summary>
    Task SaveAsync(StoredResponse response, CancellationToken ct);

    /// <summary>The stored response, or null when it is unknown, expired, deleted or another tenant's.</summary>
    Task<StoredResponse?> FindAsync(string tenant, string id, CancellationToken ct);

    /// <summary>
    /// The conversation that ends with response <paramref name="id"/> (its ancestors' and its own input and output),
    /// or null when that response is not found (as <see cref="FindAsync"/>). An ancestor that was deleted or expired
    /// ends the history there: the conversation starts after it.
    /// </summary>
    Task<ConversationHistory?> LoadHistoryAsync(string tenant, string id, CancellationToken ct);

    /// <summary>
    /// The stored responses of the conversation that ends with response <paramref name="id"/>, oldest first and each
    /// whole (the boundaries between responses kept, for <c>GET /v1/responses/{id}/input_items</c>), or null when that
    /// response is not found (as <see cref="FindAsync"/>). It stops where <see cref="LoadHistoryAsync"/> stops.
    /// </summary>
    Task<IReadOnlyList<StoredResponse>?> LoadChainAsync(string tenant, string id, CancellationToken ct);

    /// <summary>Deletes one response; false when there was none to delete. Responses continuing it keep their own turns.</summary>
    Task<bool> DeleteAsync(string tenant, string id, CancellationToken ct);

    /// <summary>Deletes every response of one conversation (a user asking the gateway to forget it); returns how many.</summary>
    Task<int> DeleteSessionAsync(string tenant, string sessionId, CancellationToken ct);

    /// <summary>Deletes expired responses; returns how many.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken ct);
}
