namespace Switchyard.Simulator.Requests;

/// <summary>
/// A validated Responses API request: what generation needs (<see cref="Sim"/>) plus the fields the response
/// object echoes. JSON-valued fields are kept as compact JSON text and written back verbatim.
/// </summary>
/// <param name="Sim">Provider-neutral request (conversation includes the <c>previous_response_id</c> chain).</param>
/// <param name="Instructions">The request's own <c>instructions</c> (not inherited through a chain), or null.</param>
/// <param name="MaxOutputTokens">Echoed <c>max_output_tokens</c>.</param>
/// <param name="Background">Whether generation runs detached from the HTTP request.</param>
/// <param name="Store">Whether the response is kept for <c>GET</c> and chaining.</param>
/// <param name="PreviousResponseId">Echoed <c>previous_response_id</c>.</param>
/// <param name="ToolsJson">Echoed <c>tools</c> array.</param>
/// <param name="ToolChoiceJson">Echoed <c>tool_choice</c> (<c>"auto"</c> when absent).</param>
/// <param name="TextJson">Echoed <c>text</c> configuration.</param>
/// <param name="TemperatureJson">Echoed <c>temperature</c> (<c>1.0</c> when absent).</param>
/// <param name="TopPJson">Echoed <c>top_p</c> (<c>1.0</c> when absent).</param>
/// <param name="MetadataJson">Echoed <c>metadata</c> (<c>{}</c> when absent).</param>
/// <param name="User">Echoed <c>user</c>.</param>
/// <param name="InputItems">The whole input as compact JSON items: the chain's items first, then this request's.</param>
internal sealed record ResponsesRequest(
    SimRequest Sim,
    string? Instructions,
    int? MaxOutputTokens,
    bool Background,
    bool Store,
    string? PreviousResponseId,
    string ToolsJson,
    string ToolChoiceJson,
    string TextJson,
    string TemperatureJson,
    string TopPJson,
    string MetadataJson,
    string? User,
    IReadOnlyList<string> InputItems);
