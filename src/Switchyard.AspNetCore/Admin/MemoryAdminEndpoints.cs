using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.AspNetCore.Hosting;
using Switchyard.AspNetCore.Memory;
using Switchyard.Conversations;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Memory;
using Switchyard.Memory;

namespace Switchyard.AspNetCore.Admin;

/// <summary>
/// The memory admin API: list and delete a session's memories, forget a whole session, and see exactly what was
/// assembled for a request. Tenant-scoped: a key acts on its own tenant's sessions; only an <c>Admin</c> key may name
/// another tenant with <c>?tenant=</c>. Another tenant's session with the same id is a different session.
/// </summary>
internal static class MemoryAdminEndpoints
{
    private const int MaxPage = 500;

    public static void Map(IEndpointRouteBuilder app, GatewayRuntime runtime)
    {
        app.MapGet("/admin/memory/sessions/{session}", (HttpContext c, string session) => SessionAsync(c, runtime, session));
        app.MapDelete("/admin/memory/sessions/{session}", (HttpContext c, string session) => ForgetAsync(c, runtime, session));
        app.MapGet("/admin/memory/sessions/{session}/memories", (HttpContext c, string session) => ListAsync(c, runtime, session));
        app.MapDelete("/admin/memory/sessions/{session}/memories/{id}", (HttpContext c, string session, string id) => DeleteMemoryAsync(c, runtime, session, id));
        app.MapGet("/admin/memory/assembled/{id}", (HttpContext c, string id) => AssembledAsync(c, runtime, id));
    }

    private static async Task SessionAsync(HttpContext context, GatewayRuntime runtime, string session)
    {
        if (await EnterAsync(context, runtime, session) is not var (memory, key))
        {
            return;
        }

        memory.Recorder.LastUpdates.TryGetValue(key, out var last);
        await AdminEndpoints.WriteJsonAsync(context, w =>
        {
            w.WriteString("session", key.SessionId);
            w.WriteStartObject("last_update");
            w.WriteNumber("turns", last?.Turns.Count ?? 0);
            w.WriteNumber("memories_indexed", last?.MemoriesIndexed ?? 0);
            w.WriteBoolean("summarized", last?.Summarized ?? false);
            if (last?.SummaryVersion is { } version)
            {
                w.WriteNumber("summary_version", version);
            }

            w.WriteNumber("pending_turns", last?.PendingTurns ?? 0);
            w.WriteString("degraded", last?.Degraded);
            w.WriteEndObject();
        });
    }

    private static async Task ListAsync(HttpContext context, GatewayRuntime runtime, string session)
    {
        if (await EnterAsync(context, runtime, session) is not var (memory, key))
        {
            return;
        }

        var query = context.Request.Query;
        long after = 0;
        var limit = 100;
        // A page the caller did not ask for would look like the answer: a value that is not one is refused, naming it.
        if (query.ContainsKey("after") && !long.TryParse(query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            await FailAsync(context, new Failure(FailureKind.InvalidRequest, "'after' must be a memory id (a whole number).") { Param = "after" });
            return;
        }

        if (query.ContainsKey("limit") && !(int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxPage))
        {
            await FailAsync(context, new Failure(FailureKind.InvalidRequest, $"'limit' must be a whole number from 1 to {MaxPage}.") { Param = "limit" });
            return;
        }

        var items = await memory.Engine.ListMemoriesAsync(key, after, limit, context.RequestAborted);
        await AdminEndpoints.WriteJsonAsync(context, w =>
        {
            w.WriteString("session", key.SessionId);
            w.WriteStartArray("memories");
            foreach (var item in items)
            {
                w.WriteStartObject();
                w.WriteNumber("id", item.Id);
                w.WriteString("kind", item.Kind == MemoryKind.Fact ? "fact" : "turn_chunk");
                w.WriteString("text", item.Text);
                w.WriteNumber("tokens", item.Tokens);
                w.WriteNumber("source_turn", item.SourceSequence);
                w.WriteString("created_at", item.CreatedAt);
                w.WriteString("expires_at", item.ExpiresAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("has_more", items.Count == limit);
        });
    }

    private static async Task DeleteMemoryAsync(HttpContext context, GatewayRuntime runtime, string session, string id)
    {
        if (await EnterAsync(context, runtime, session) is not var (memory, key))
        {
            return;
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var memoryId)
            || !await memory.Engine.DeleteMemoryAsync(key, memoryId, context.RequestAborted))
        {
            await FailAsync(context, new Failure(FailureKind.NotFound, $"No memory '{id}' in this session."));
            return;
        }

        await AdminEndpoints.WriteJsonAsync(context, w =>
        {
            w.WriteNumber("id", memoryId);
            w.WriteBoolean("deleted", true);
        });
    }

    private static async Task ForgetAsync(HttpContext context, GatewayRuntime runtime, string session)
    {
        if (await EnterAsync(context, runtime, session) is not var (memory, key))
        {
            return;
        }

        var deletion = await memory.ForgetAsync(key, context.RequestAborted);
        var responses = runtime.Conversations is IConversationStore conversations
            ? await conversations.DeleteSessionAsync(key.Tenant, key.SessionId, context.RequestAborted)
            : 0;
        await AdminEndpoints.WriteJsonAsync(context, w =>
        {
            w.WriteString("session", key.SessionId);
            w.WriteBoolean("deleted", true);
            w.WriteNumber("turns", deletion.Turns);
            w.WriteNumber("summaries", deletion.Summaries);
            w.WriteNumber("memories", deletion.Memories);
            w.WriteNumber("responses", responses);
        });
    }

    private static async Task AssembledAsync(HttpContext context, GatewayRuntime runtime, string id)
    {
        if (await AuthenticateAsync(context, runtime) is not var (memory, caller))
        {
            return;
        }

        if (memory.Traces.Find(TenantOf(context, caller), id) is not { } record)
        {
            await FailAsync(context, new Failure(FailureKind.NotFound, $"No assembly recorded for '{id}' (request ids and response ids of recent requests that named a session)."));
            return;
        }

        var trace = record.Context.Trace;
        await AdminEndpoints.WriteJsonAsync(context, w =>
        {
            w.WriteString("id", id);
            w.WriteString("session", record.SessionId);
            w.WriteString("at", record.At);
            w.WriteString("summary", trace.ToHeaderValue());
            w.WriteStartObject("tokens");
            w.WriteNumber("budget", trace.BudgetTokens);
            w.WriteNumber("total", trace.TotalTokens);
            w.WriteNumber("system", trace.SystemTokens);
            w.WriteNumber("recall", trace.RecallTokens);
            w.WriteNumber("summary", trace.SummaryTokens);
            w.WriteNumber("window", trace.WindowTokens);
            w.WriteNumber("new", trace.NewTurnTokens);
            w.WriteEndObject();
            w.WriteStartArray("recalled");
            foreach (var recalled in trace.Recalled)
            {
                w.WriteStartObject();
                w.WriteNumber("id", recalled.Id);
                w.WriteNumber("similarity", recalled.Similarity);
                w.WriteNumber("source_turn", recalled.SourceSequence);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("omitted_turns", trace.OmittedTurns);
            w.WriteString("degraded", trace.Degraded);
            w.WritePropertyName("messages");
            w.WriteRawValue(MessageJson.Serialize(record.Context.Messages), skipInputValidation: true);
        });
    }

    private static async Task<(GatewayMemory Memory, MemorySessionKey Key)?> EnterAsync(HttpContext context, GatewayRuntime runtime, string session)
    {
        if (await AuthenticateAsync(context, runtime) is not var (memory, caller))
        {
            return null;
        }

        if (!SessionMemory.IsValid(session))
        {
            await FailAsync(context, new Failure(FailureKind.InvalidRequest, $"A session id has 1–{MemorySessionKey.MaxLength} characters.") { Param = "session" });
            return null;
        }

        return (memory, new MemorySessionKey(TenantOf(context, caller), session));
    }

    private static async Task<(GatewayMemory Memory, Caller Caller)?> AuthenticateAsync(HttpContext context, GatewayRuntime runtime)
    {
        if (await AdminEndpoints.AuthenticateAsync(context, runtime) is not { } caller)
        {
            return null;
        }

        if (runtime.Memory is not { } memory)
        {
            await FailAsync(context, new Failure(FailureKind.NotFound, "Memory is turned off (Switchyard:Memory:Enabled)."));
            return null;
        }

        return (memory, caller);
    }

    // Tenants never reach each other's memories; an admin key may name the tenant it acts for.
    private static string TenantOf(HttpContext context, Caller caller) =>
        caller.Admin && context.Request.Query["tenant"].ToString() is { Length: > 0 } tenant ? tenant : caller.Tenant;

    private static Task FailAsync(HttpContext context, Failure failure) =>
        FailureResponder.WriteAsync(context, GatewayRuntime.OpenAICodec, failure, context.RequestAborted);
}
