namespace Switchyard.Simulator.Generation;

/// <summary>A request's conversation reduced to what determines the simulated answer.</summary>
/// <param name="Key">Canonical, format-independent text of the conversation (see <see cref="ConversationBuilder"/>).</param>
/// <param name="Prefill">Text of a trailing assistant message (the answer's start), or null.</param>
/// <param name="LastUserText">Text of the last user turn, searched for tool names.</param>
/// <param name="EndsWithToolResult">Whether the last turn carries tool results.</param>
/// <param name="PromptTokens">Estimated prompt size in o200k tokens.</param>
internal sealed record Conversation(string Key, string? Prefill, string LastUserText, bool EndsWithToolResult, int PromptTokens);
