namespace Switchyard.Model;

/// <summary>
/// The canonical chat request every front door parses into and every provider codec writes from.
/// Immutable; codecs build it once per request.
/// </summary>
public sealed record ChatRequest
{
    /// <summary>The model (or route) name as the client sent it.</summary>
    public required string Model { get; init; }

    /// <summary>The conversation in order. System instructions are <see cref="ChatRole.System"/> messages; Anthropic's codec hoists them.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>Upper bound on generated tokens (OpenAI <c>max_completion_tokens</c> ?? <c>max_tokens</c>; Anthropic <c>max_tokens</c>). Null when the client left it out.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Sampling temperature on the client's scale (OpenAI 0–2, Anthropic 0–1); codecs convert.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling.</summary>
    public double? TopP { get; init; }

    /// <summary>Anthropic <c>top_k</c>; OpenAI has none.</summary>
    public int? TopK { get; init; }

    /// <summary>
    /// OpenAI <c>presence_penalty</c> (−2 to 2). Anthropic has none: a request served by Claude goes without it, as
    /// <see cref="TopK"/> goes without on OpenAI.
    /// </summary>
    public double? PresencePenalty { get; init; }

    /// <summary>OpenAI <c>frequency_penalty</c> (−2 to 2); Anthropic has none, as for <see cref="PresencePenalty"/>.</summary>
    public double? FrequencyPenalty { get; init; }

    /// <summary>OpenAI <c>seed</c> for best-effort reproducible sampling; Anthropic has none, as for <see cref="PresencePenalty"/>.</summary>
    public long? Seed { get; init; }

    /// <summary>Stop sequences (OpenAI <c>stop</c>, Anthropic <c>stop_sequences</c>).</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Tools offered to the model; null or empty when none.</summary>
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    /// <summary>How tools may be used; null means the provider default (auto when tools exist).</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>False forbids parallel tool calls (Anthropic <c>disable_parallel_tool_use</c>).</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Structured-output request; null means free text.</summary>
    public ResponseFormat? ResponseFormat { get; init; }

    /// <summary>
    /// Reasoning the client asked for (OpenAI <c>reasoning_effort</c> or Responses <c>reasoning.effort</c>; Anthropic
    /// <c>thinking</c> or <c>output_config.effort</c>); null when it said nothing, so the provider's default holds.
    /// </summary>
    public ReasoningRequest? Reasoning { get; init; }

    /// <summary>
    /// Automatic prompt caching the client asked for (Anthropic's top-level <c>cache_control</c>); null for none.
    /// Breakpoints on single parts and tools are on those (<see cref="ContentPart.Cache"/>).
    /// </summary>
    public CacheBreakpoint? Cache { get; init; }

    /// <summary>OpenAI <c>prompt_cache_key</c>: requests with the same key share cache routing; null when not sent.</summary>
    public string? PromptCacheKey { get; init; }

    /// <summary>OpenAI <c>prompt_cache_retention</c> (e.g. <c>24h</c>): how long OpenAI keeps a cached prefix; null for its default.</summary>
    public string? PromptCacheRetention { get; init; }

    /// <summary>Opaque end-user id (OpenAI <c>user</c>/<c>safety_identifier</c>, Anthropic <c>metadata.user_id</c>).</summary>
    public string? User { get; init; }

    /// <summary>Whether the client asked for a stream.</summary>
    public bool Stream { get; init; }

    /// <summary>Whether a streaming OpenAI client asked for the final usage chunk (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>Responses API controls (<c>background</c>, <c>store</c>, <c>previous_response_id</c>); null on other front doors.</summary>
    public ResponsesControls? Responses { get; init; }

    /// <summary>Whether the request carries any tool call, tool result or tool definition.</summary>
    public bool UsesTools =>
        Tools is { Count: > 0 } || Messages.Any(m => m.Content.Any(p => p is ToolCallPart or ToolResultPart));
}
