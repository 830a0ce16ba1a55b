namespace Switchyard.Model;

/// <summary>Who authored a message in the canonical conversation.</summary>
public enum ChatRole
{
    /// <summary>Instructions: OpenAI <c>system</c>/<c>developer</c>, Anthropic top-level <c>system</c>.</summary>
    System,

    /// <summary>The end user; Anthropic tool results also travel in user turns on that wire.</summary>
    User,

    /// <summary>The model.</summary>
    Assistant,

    /// <summary>A tool result (OpenAI <c>tool</c> role). Holds <see cref="ToolResultPart"/>s only.</summary>
    Tool,
}
