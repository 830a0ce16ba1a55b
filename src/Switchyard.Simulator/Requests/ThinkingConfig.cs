namespace Switchyard.Simulator.Requests;

/// <summary>
/// Anthropic extended thinking asked for by a request (<c>thinking:{type:"enabled", budget_tokens}</c> or
/// <c>{type:"adaptive"}</c>); a request without thinking has none.
/// </summary>
/// <param name="BudgetTokens">The budget of an <c>enabled</c> request; null for <c>adaptive</c>, which leaves half of max tokens to thinking.</param>
internal sealed record ThinkingConfig(int? BudgetTokens);
