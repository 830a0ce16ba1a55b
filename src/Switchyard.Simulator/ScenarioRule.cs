namespace Switchyard.Simulator;

/// <summary>When a fault applies. Every filter left null matches anything.</summary>
public sealed record ScenarioRule
{
    /// <summary><c>openai</c>, <c>anthropic</c>, or null for both. The default is null.</summary>
    public string? Provider { get; init; }

    /// <summary>
    /// <c>chat.completions</c>, <c>responses</c>, <c>messages</c>, <c>count_tokens</c>, <c>input_tokens</c> or <c>embeddings</c>, or null for any API. Responses requests are
    /// provider <c>openai</c>, so <see cref="Provider"/> alone matches both OpenAI APIs. The default is null.
    /// </summary>
    public string? Api { get; init; }

    /// <summary>Model glob where <c>*</c> matches any run of characters, e.g. <c>gpt-4o*</c>. The default is null (any).</summary>
    public string? Model { get; init; }

    /// <summary>Exact request path, e.g. <c>/v1/messages</c>. The default is null (any).</summary>
    public string? Path { get; init; }

    /// <summary>Only streaming (true) or only non-streaming (false) requests. The default is null (both).</summary>
    public bool? Stream { get; init; }

    /// <summary>Start of the active window, in seconds since the scenario was installed. The default is 0.</summary>
    public double FromSeconds { get; init; }

    /// <summary>End (exclusive) of the active window in seconds; null never ends. The default is null.</summary>
    public double? ToSeconds { get; init; }

    /// <summary>Chance that a matching request is hit, drawn from a PRNG seeded by scenario seed and request number. The default is 1.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>Most requests this rule may hit; null is unlimited. The default is null.</summary>
    public int? Count { get; init; }

    /// <summary>What happens to a hit request.</summary>
    public required FaultSpec Fault { get; init; }
}
