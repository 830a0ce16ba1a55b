namespace Switchyard.Model;

/// <summary>
/// How hard the client asked the model to think before it answers, on one scale for both providers: OpenAI's
/// <c>reasoning_effort</c> (<c>none</c> … <c>xhigh</c>) and Anthropic's <c>output_config.effort</c> (<c>low</c> …
/// <c>max</c>) name it, Anthropic's <c>thinking</c> gives a token budget that codecs place on it.
/// </summary>
public enum ReasoningEffort
{
    /// <summary>No reasoning (OpenAI <c>none</c>, Anthropic <c>thinking:{type:"disabled"}</c>).</summary>
    None,

    /// <summary>OpenAI <c>minimal</c>.</summary>
    Minimal,

    /// <summary><c>low</c> on both.</summary>
    Low,

    /// <summary><c>medium</c> on both.</summary>
    Medium,

    /// <summary><c>high</c> on both.</summary>
    High,

    /// <summary><c>xhigh</c> on both.</summary>
    XHigh,

    /// <summary>Anthropic <c>max</c>.</summary>
    Max,
}

/// <summary>A client's request for reasoning (extended thinking), carried across providers.</summary>
/// <param name="Effort">The effort asked for, or placed from <paramref name="BudgetTokens"/>.</param>
/// <param name="BudgetTokens">Anthropic's <c>thinking.budget_tokens</c> when the client gave one; null otherwise.</param>
/// <param name="Adaptive">Anthropic <c>thinking:{type:"adaptive"}</c>: the model decides how much to think.</param>
public sealed record ReasoningRequest(ReasoningEffort Effort, int? BudgetTokens = null, bool Adaptive = false)
{
    /// <summary>Whether the client asked for any reasoning at all.</summary>
    public bool Enabled => Effort != ReasoningEffort.None;

    /// <summary>Anthropic's smallest <c>thinking.budget_tokens</c>.</summary>
    public const int MinThinkingBudget = 1_024;

    /// <summary>
    /// The largest thinking budget the gateway chooses under an output limit of <paramref name="maxTokens"/> (which covers
    /// thinking and answer alike): three quarters of it, so the answer keeps room. Null when that is under
    /// <see cref="MinThinkingBudget"/>, where Anthropic takes no thinking at all.
    /// </summary>
    public static int? BudgetRoomUnder(int maxTokens)
    {
        var room = (int)(maxTokens * 3L / 4);
        return room >= MinThinkingBudget ? room : null;
    }

    /// <summary>
    /// The effort a thinking budget stands for: under 4,096 tokens low, under 16,384 medium, under 32,768 high,
    /// above that xhigh. The same bands are <see cref="DefaultBudget"/>'s, so a budget survives a round trip's band.
    /// </summary>
    public static ReasoningEffort EffortOfBudget(int budgetTokens) => budgetTokens switch
    {
        < 4_096 => ReasoningEffort.Low,
        < 16_384 => ReasoningEffort.Medium,
        < 32_768 => ReasoningEffort.High,
        _ => ReasoningEffort.XHigh,
    };

    /// <summary>
    /// The thinking budget an effort asks for when the client named no budget (Anthropic's minimum, 1,024 tokens, for
    /// minimal). Callers cap it by the request's output limit, which covers thinking on both providers.
    /// </summary>
    public static int DefaultBudget(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Minimal => MinThinkingBudget,
        ReasoningEffort.Low => 2_048,
        ReasoningEffort.Medium => 8_192,
        ReasoningEffort.High => 16_384,
        ReasoningEffort.XHigh => 32_768,
        ReasoningEffort.Max => 65_536,
        _ => 0,
    };
}
