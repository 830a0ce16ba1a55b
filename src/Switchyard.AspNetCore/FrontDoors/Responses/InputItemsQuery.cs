using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Providers.OpenAI;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// The query of <c>GET /v1/responses/{id}/input_items</c>, as OpenAI defines it: <c>limit</c> (1 to 100, default 20),
/// <c>order</c> (<c>asc</c> or <c>desc</c>, default <c>desc</c>), and the item-id cursors <c>after</c> and <c>before</c>,
/// both counted in the requested order. <c>include</c> (or <c>include[]</c>) takes OpenAI's includable values; they
/// are accepted and change nothing, since every field the gateway stores is always included (image urls) or is one
/// it does not keep (tool results, logprobs, encrypted reasoning).
/// </summary>
internal sealed record InputItemsQuery(int Limit, bool Descending, string? After, string? Before)
{
    private const int MaxLimit = 100;

    private static readonly string[] Includable =
    [
        "file_search_call.results", "web_search_call.results", "web_search_call.action.sources", "message.input_image.image_url",
        "computer_call_output.output.image_url", "code_interpreter_call.outputs", "reasoning.encrypted_content", "message.output_text.logprobs",
    ];

    /// <summary>The query, or the 400 naming the first invalid parameter.</summary>
    public static InputItemsQuery? Read(IQueryCollection query, out Failure? invalid)
    {
        invalid = null;
        if (ListLimit.Read(query, 20, MaxLimit) is not { } limit)
        {
            invalid = Invalid("limit", $"Invalid 'limit': '{query["limit"]}' is not a whole number from 1 to {MaxLimit}.");
            return null;
        }

        var order = query["order"].ToString();
        if (order is not ("" or "asc" or "desc"))
        {
            invalid = Invalid("order", $"Invalid 'order': '{order}'. Supported values are: 'asc' and 'desc'.");
            return null;
        }

        foreach (var name in new[] { "include", "include[]" })
        {
            if (query[name].FirstOrDefault(v => !Includable.Contains(v, StringComparer.Ordinal)) is { } unknown)
            {
                invalid = Invalid("include", $"Invalid 'include': '{unknown}'. Supported values are: {string.Join(", ", Includable.Select(v => $"'{v}'"))}.");
                return null;
            }
        }

        return new InputItemsQuery(limit, order != "asc", Cursor(query, "after"), Cursor(query, "before"));
    }

    /// <summary>
    /// The page of <paramref name="items"/> (oldest first) this query asks for, in its order, and whether more lie beyond
    /// it in the paging direction (after the page; before it when only <c>before</c> is given). Null with a 400 when a
    /// cursor is not an item of this list.
    /// </summary>
    public (List<ResponsesListItem> Page, bool HasMore)? Select(IReadOnlyList<ResponsesListItem> items, out Failure? invalid)
    {
        invalid = null;
        var ordered = Descending ? items.Reverse().ToList() : items.ToList();
        var start = 0;
        var end = ordered.Count;
        if (After is not null && (start = IndexOf(ordered, After) + 1) == 0)
        {
            invalid = Invalid("after", $"Invalid 'after': '{After}' is not an input item of this response.");
            return null;
        }

        if (Before is not null && (end = IndexOf(ordered, Before)) < 0)
        {
            invalid = Invalid("before", $"Invalid 'before': '{Before}' is not an input item of this response.");
            return null;
        }

        end = Math.Max(start, end);
        if (Before is not null && After is null)
        {
            // Paging backwards: the items just before the cursor.
            var from = Math.Max(start, end - Limit);
            return (ordered[from..end], from > start);
        }

        var to = Math.Min(end, start + Limit);
        return (ordered[start..to], to < end);
    }

    private static string? Cursor(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } id ? id : null;

    private static int IndexOf(List<ResponsesListItem> items, string id) => items.FindIndex(i => string.Equals(i.Id, id, StringComparison.Ordinal));

    private static Failure Invalid(string param, string message) => new(FailureKind.InvalidRequest, message) { Param = param };
}
