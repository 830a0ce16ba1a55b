namespace Switchyard.Providers.OpenAI;

/// <summary>One item of a Responses item list (<c>input_items</c>): its id, the cursor of <c>after</c> and <c>before</c>, and its JSON.</summary>
/// <param name="Id">The item's id (<c>msg_…</c>, <c>fc_…</c>, <c>fco_…</c>).</param>
/// <param name="Json">The item object as written to the client.</param>
public sealed record ResponsesListItem(string Id, ReadOnlyMemory<byte> Json);
