using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Providers.OpenAI;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

internal sealed partial class ResponsesEndpoint
{
    /// <summary>
    /// <c>GET /v1/responses/{id}/input_items</c>: the items the response was generated from, paged (<see cref="InputItemsQuery"/>).
    /// They are read from the conversation store, so only a stored (<c>store</c> not false), finished response has them;
    /// as for the response itself, any other id, another tenant's included, is not found.
    /// </summary>
    public async Task InputItemsAsync(HttpContext context, string id)
    {
        if (await AuthenticateAsync(context) is not { } caller)
        {
            return;
        }

        if (InputItemsQuery.Read(context.Request.Query, out var invalid) is not { } query)
        {
            await FailAsync(context, invalid!);
            return;
        }

        if (runtime.Conversations is not { } conversations)
        {
            await FailAsync(context, new Failure(FailureKind.NotFound, "Input items are kept in the gateway's conversation store, which is turned off (Switchyard:Conversations:Enabled)."));
            return;
        }

        if (await FindAsync(caller.Tenant, id, () => conversations.LoadChainAsync(caller.Tenant, id, context.RequestAborted), context.RequestAborted) is not { } chain)
        {
            await NotFoundAsync(context, id);
            return;
        }

        if (query.Select(OpenAIResponsesCodec.WriteInputItems(chain), out var badCursor) is not (var page, var hasMore))
        {
            await FailAsync(context, badCursor!);
            return;
        }

        await WriteJsonAsync(context, OpenAIResponsesCodec.WriteItemList(page, hasMore));
    }
}
