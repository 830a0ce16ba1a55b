using Microsoft.AspNetCore.Http;
using Switchyard.Gateway;
using Switchyard.Hosting.Memory;
using Switchyard.Memory;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.Memory;

/// <summary>
/// The front doors' memory step: <see cref="SessionMemory"/> with the HTTP headers that tune it (budget) and show it
/// (the assembly trace).
/// </summary>
internal static class MemoryStep
{
    /// <summary>Request header: <c>1</c> asks for the <see cref="TraceHeader"/> response header.</summary>
    public const string DebugHeader = "x-switchyard-memory-debug";

    /// <summary>Response header with the compact assembly trace (ids and token counts, never content).</summary>
    public const string TraceHeader = "x-switchyard-memory";

    /// <summary>Request header lowering the assembly's token budget for this request.</summary>
    public const string BudgetHeader = "x-switchyard-memory-budget";

    /// <summary>
    /// Assembles the context for <paramref name="request"/> and returns the request to route (its messages replaced, and
    /// its raw body rewritten so same-format routes send the assembled context) with its ticket; unchanged and null
    /// when memory is unavailable. Sets the trace header when the caller asked for it.
    /// </summary>
    public static async Task<(GatewayRequest Request, MemoryTicket? Ticket)> AssembleAsync(
        HttpContext context, GatewayMemory memory, GatewayRequest request, string session, IReadOnlyList<ChatMessage> system, IReadOnlyList<ChatMessage> newTurns, IEnumerable<string> traceIds)
    {
        var (canonical, ticket, assembled) = await SessionMemory.AssembleAsync(memory, request.Tenant, request.Request, session, system, newTurns, traceIds, Budget(context.Request, memory.Options), context.RequestAborted);
        if (assembled is null)
        {
            return (request, ticket);
        }

        if (context.Request.Headers[DebugHeader].ToString() is "1" or "true")
        {
            context.Response.Headers[TraceHeader] = assembled.Trace.ToHeaderValue();
        }

        var body = request.FrontDoor.Format == WireFormat.OpenAIResponses
            ? request.RawBody // Never passed through: the Responses door always translates from the canonical request.
            : request.FrontDoor.WriteRequest(canonical, new UpstreamRequestOptions(canonical.Model, canonical.Stream));
        return (request with { Request = canonical, RawBody = body }, ticket);
    }

    // Checked by MemoryHeaders before routing; only a usable value reaches here.
    private static int? Budget(HttpRequest request, MemoryOptions options) =>
        long.TryParse(request.Headers[BudgetHeader].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var budget) && budget >= MemoryHeaders.MinBudgetTokens
            ? (int)Math.Min(budget, options.ContextBudgetTokens)
            : null;
}
