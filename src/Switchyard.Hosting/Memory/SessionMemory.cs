using Microsoft.Data.Sqlite;
using Switchyard.Gateway;
using Switchyard.Memory;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Hosting.Memory;

/// <summary>A request attached to a memory session: what to remember once it settles.</summary>
/// <param name="Key">The tenant's session.</param>
/// <param name="NewTurns">The request's own new turns (remembered with the answer).</param>
internal sealed record MemoryTicket(MemorySessionKey Key, IReadOnlyList<ChatMessage> NewTurns);

/// <summary>
/// A request's memory session, without a transport (the front doors and the in-process library). Before routing: the
/// request's messages are replaced by the assembled context (system, recall, summary, window, new turns). After
/// settling: the new turns and the answer are queued for the recorder. A memory failure never fails or delays the
/// request beyond a short bounded wait: it is served without memory.
/// </summary>
internal static class SessionMemory
{
    // A continuing request waits at most this long for its session's previous turns to be remembered.
    private static readonly TimeSpan RecordWait = TimeSpan.FromSeconds(2);

    /// <summary>Whether <paramref name="session"/> can name a memory session (1–256 characters, not blank).</summary>
    public static bool IsValid(string session) => !string.IsNullOrWhiteSpace(session) && session.Length <= MemorySessionKey.MaxLength;

    /// <summary>
    /// Splits a chat request into system messages and new turns: the turns after the last assistant message. A client
    /// may send only the new turn, or its whole history: what memory already holds is not sent (or stored) twice.
    /// </summary>
    public static (IReadOnlyList<ChatMessage> System, IReadOnlyList<ChatMessage> NewTurns) Split(IReadOnlyList<ChatMessage> messages)
    {
        var system = messages.TakeWhile(m => m.Role == ChatRole.System).ToList();
        var lastAssistant = -1;
        for (var i = messages.Count - 1; i >= system.Count; i--)
        {
            if (messages[i].Role == ChatRole.Assistant)
            {
                lastAssistant = i;
                break;
            }
        }

        var start = Math.Max(system.Count, lastAssistant + 1);
        return (system, messages.Skip(start).Where(m => m.Role != ChatRole.System).ToList());
    }

    /// <summary>
    /// Assembles the context for <paramref name="request"/>: the request to route (its messages replaced, and its raw
    /// body rewritten so same-format routes send the assembled context) with its ticket, and what was assembled (null
    /// when memory was unavailable and the request is served without it).
    /// </summary>
    public static async Task<(GatewayRequest Request, MemoryTicket Ticket, AssembledContext? Assembled)> AssembleAsync(
        GatewayMemory memory, GatewayRequest request, string session, IReadOnlyList<ChatMessage> system, IReadOnlyList<ChatMessage> newTurns, IEnumerable<string> traceIds, int? budgetTokens, CancellationToken cancellationToken)
    {
        var key = new MemorySessionKey(request.Tenant, session);
        var ticket = new MemoryTicket(key, newTurns);
        AssembledContext assembled;
        try
        {
            await memory.Recorder.WaitForSessionAsync(key, RecordWait, cancellationToken);
            var contextRequest = new ContextRequest([.. system, .. newTurns]) { BudgetTokens = budgetTokens };
            assembled = await memory.Engine.AssembleAsync(key, contextRequest, cancellationToken);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            // Served without memory; the turns are still remembered.
            return (request, ticket, null);
        }

        memory.Traces.Add(request.Tenant, traceIds, new AssemblyRecord(session, assembled, DateTimeOffset.UtcNow));
        var canonical = request.Request with { Messages = assembled.Messages };
        var body = request.FrontDoor.Format == WireFormat.OpenAIResponses
            ? request.RawBody // Never passed through: the Responses door always translates from the canonical request.
            : request.FrontDoor.WriteRequest(canonical, new UpstreamRequestOptions(canonical.Model, canonical.Stream));
        return (request with { Request = canonical, RawBody = body }, ticket, assembled);
    }

    /// <summary>Queues the ticket's new turns and the answer <paramref name="answer"/> reads back, for the recorder (never waits).</summary>
    public static void Remember(GatewayMemory memory, MemoryTicket ticket, Func<Task<IReadOnlyList<ContentPart>?>> answer) =>
        memory.Recorder.Enqueue(ticket.Key, async () =>
        {
            var parts = (await answer())?.Where(p => p is not ThinkingPart).ToList();
            return parts is { Count: > 0 } ? [.. ticket.NewTurns, new ChatMessage(ChatRole.Assistant, parts)] : ticket.NewTurns;
        });
}
