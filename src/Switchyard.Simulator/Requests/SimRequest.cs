using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Requests;

/// <summary>A validated provider request, reduced to what the simulator acts on; <paramref name="Format"/> is the requested output format, <paramref name="Thinking"/> Anthropic's extended thinking (null when off).</summary>
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
    bool IncludeObfuscation,
    OutputFormat Format,
    ThinkingConfig? Thinking = null,
    PromptCachePlan? CachePlan = null);
