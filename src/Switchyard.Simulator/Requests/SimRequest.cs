using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Requests;

/// <summary>A validated provider request, reduced to what the simulator acts on.</summary>
internal sealed record SimRequest(
    SimulatorApi Api,
    string Model,
    bool Stream,
    int? MaxTokens,
    Conversation Conversation,
    IReadOnlyList<ToolDefinition> Tools,
    ToolChoice ToolChoice,
    bool ParallelToolCalls,
    bool IncludeUsage,
    bool IncludeObfuscation);

/// <summary>An offered function tool; <paramref name="Schema"/> is the JSON schema of its arguments, if any.</summary>
internal sealed record ToolDefinition(string Name, System.Text.Json.JsonElement? Schema);

internal enum ToolChoiceMode
{
    None,
    Auto,
    Required,
    Specific,
}

internal readonly record struct ToolChoice(ToolChoiceMode Mode, string? Name = null);

/// <summary>A provider-format error to answer with; <paramref name="Type"/> is the provider's error type.</summary>
internal sealed record WireError(int Status, string Type, string Message, string? Param = null, string? Code = null);

/// <summary>Either a request or the error the real API would have answered with.</summary>
internal readonly record struct ParseResult(SimRequest? Request, WireError? Error)
{
    public static ParseResult Fail(WireError error) => new(null, error);

    public static ParseResult Ok(SimRequest request) => new(request, null);
}
