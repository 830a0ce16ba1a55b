using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>What the gateway asks the assembler for.</summary>
/// <param name="Messages">
/// The request's messages as the client sent them: leading <see cref="ChatRole.System"/> messages are the system
/// layer, the rest are the new turns of this request. Both are always sent, even when they alone exceed the budget.
/// </param>
public sealed record ContextRequest(IReadOnlyList<ChatMessage> Messages)
{
    /// <summary>The token budget for the whole assembled prompt; null uses <see cref="MemoryOptions.ContextBudgetTokens"/>.</summary>
    public int? BudgetTokens { get; init; }
}
