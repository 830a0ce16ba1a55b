using Microsoft.Data.Sqlite;
using Switchyard.Memory;
using Switchyard.Model;

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
    /// Assembles the context for <paramref name="request"/> of <paramref name="tenant"/>'s session: the request with its
    /// messages replaced, its ticket, and what was assembled (null when memory was unavailable and the request is served
    /// as it is). The caller writes the wire body, if it needs one.
    /// </summary>
    public static async Task<(ChatRequest Request, MemoryTicket Ticket, AssembledContext? Assembled)> AssembleAsync(
        GatewayMemory memory, string tenant, ChatRequest request, string session, IReadOnlyList<ChatMessage> system, IReadOnlyList<ChatMessage> newTurns, IEnumerable<string> traceIds, int? budgetTokens, CancellationToken cancellationToken)
    {
        var key = new MemorySessionKey(tenant, session);
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

        memory.Traces.Add(tenant, traceIds, new AssemblyRecord(session, assembled, DateTimeOffset.UtcNow));
        return (request with { Messages = assembled.Messages }, ticket, assembled);
    }

    /// <summary>Queues the ticket's new turns and the answer <paramref name="answer"/> reads back, for the recorder (never waits).</summary>
    public static void Remember(GatewayMemory memory, MemoryTicket ticket, Func<Task<IReadOnlyList<ContentPart>?>> answer) =>
        memory.Recorder.Enqueue(ticket.Key, async () =>
        {
            var parts = (await answer())?.Where(p => p is not ThinkingPart).ToList();
            return parts is { Count: > 0 } ? [.. ticket.NewTurns, new ChatMessage(ChatRole.Assistant, parts)] : ticket.NewTurns;
        });
}
