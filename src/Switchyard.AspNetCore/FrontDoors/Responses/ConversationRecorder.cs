using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Hosting;
using Switchyard.AspNetCore.Memory;
using Switchyard.Conversations;
using Switchyard.Hosting;
using Switchyard.Hosting.Memory;
using Switchyard.Model;
using Switchyard.Streaming;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>What a new response will be stored as, decided before it is generated.</summary>
/// <param name="Id">The gateway's response id.</param>
/// <param name="Tenant">The caller's tenant.</param>
/// <param name="Model">The model the client asked for.</param>
/// <param name="Input">The request's own input (without instructions, without the earlier conversation).</param>
/// <param name="SessionId">The conversation's session id.</param>
/// <param name="PreviousResponseId">The response it continues, if any.</param>
/// <param name="Store">Whether the client asked to store it (<c>store</c>, default true).</param>
internal sealed record ConversationTurn(string Id, string Tenant, string Model, IReadOnlyList<ChatMessage> Input, string SessionId, string? PreviousResponseId, bool Store)
{
    /// <summary>The memory session the turn is remembered in, when memory is on.</summary>
    public MemoryTicket? Memory { get; init; }
}

/// <summary>
/// Stores finished Responses answers in the conversation store, in canonical form, so that <c>previous_response_id</c>
/// can continue them on any provider. Storing never fails the caller's request: a storage error is logged.
/// </summary>
internal sealed partial class ConversationRecorder(GatewayRuntime runtime, ILogger logger)
{
    /// <summary>The final response object of a streamed response, from the delta log; null when it did not complete.</summary>
    public static async Task<byte[]?> FinalObjectAsync(IDeltaLog log, string tenant, string id)
    {
        // The log's writer batches: make sure the terminal event is readable before looking for it.
        await log.FlushAsync(CancellationToken.None);
        var response = await ResponseArchive.FindAsync(log, tenant, id, CancellationToken.None);
        return response?["status"]?.GetValue<string>() is "completed" or "incomplete"
            ? JsonSerializer.SerializeToUtf8Bytes(response)
            : null;
    }

    /// <summary>
    /// Stores <paramref name="turn"/> with its answer <paramref name="responseObject"/> when the client asked to, and
    /// queues it for memory when the turn belongs to a memory session.
    /// </summary>
    public async Task RecordAsync(ConversationTurn turn, byte[] responseObject)
    {
        if (turn.Memory is { } ticket && runtime.Memory is { } memory)
        {
            SessionMemory.Remember(memory, ticket, () =>
            {
                var answer = GatewayRuntime.ResponsesCodec.ReadResponse(responseObject);
                return Task.FromResult<IReadOnlyList<ContentPart>?>(answer.IsSuccess ? answer.Value.Content : null);
            });
        }

        if (!turn.Store || runtime.Conversations is not { } store)
        {
            return;
        }

        var parsed = GatewayRuntime.ResponsesCodec.ReadResponse(responseObject);
        if (!parsed.IsSuccess)
        {
            return; // Not a finished answer: nothing to continue from.
        }

        var stored = new StoredResponse(turn.Id, turn.Tenant, turn.PreviousResponseId, turn.SessionId, turn.Input, ResponseChain.Output(parsed.Value))
        {
            CreatedAt = runtime.Time.GetUtcNow(),
            Model = turn.Model,
            ResponseObject = responseObject,
        };
        try
        {
            await store.SaveAsync(stored, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            LogStoreFailed(logger, ex, turn.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response {ResponseId} could not be stored for previous_response_id")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string responseId);
}
