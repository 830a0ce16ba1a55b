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
