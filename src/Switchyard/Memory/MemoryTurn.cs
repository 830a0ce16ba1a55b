using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>
/// One stored turn of a conversation, in canonical form. Tool linkage comes from the content: an assistant turn's
/// <see cref="ToolCallPart"/>s are answered by later turns holding <see cref="ToolResultPart"/>s with the same ids, and
/// the window keeps such a call and its results together (<see cref="TurnUnits"/>).
/// </summary>
/// <param name="Sequence">Position in the session, 1-based and increasing; assigned by the store.</param>
/// <param name="Message">The turn itself (role and content parts).</param>
/// <param name="Tokens">Its size in o200k tokens including the per-message overhead (<see cref="MemoryTokens"/>).</param>
/// <param name="At">When it was recorded.</param>
/// <param name="ExpiresAt">When retention removes it.</param>
public sealed record MemoryTurn(long Sequence, ChatMessage Message, int Tokens, DateTimeOffset At, DateTimeOffset ExpiresAt)
{
    /// <summary>The ids of the tool calls this turn makes (assistant turns); empty when none.</summary>
    public IReadOnlyList<string> ToolCallIds => Message.Content.OfType<ToolCallPart>().Select(p => p.Id).ToArray();

    /// <summary>The ids of the tool calls this turn answers (tool or Anthropic-style user turns); empty when none.</summary>
    public IReadOnlyList<string> ToolResultIds => Message.Content.OfType<ToolResultPart>().Select(p => p.ToolCallId).ToArray();
}
