using System.Text.Json;

namespace Switchyard.Model;

/// <summary>A function tool the model may call.</summary>
/// <param name="Name">Tool name (<c>[a-zA-Z0-9_-]{1,64}</c>).</param>
/// <param name="Description">What the tool does.</param>
/// <param name="Parameters">JSON Schema of the arguments object; null means no arguments.</param>
public sealed record ToolDefinition(string Name, string? Description, JsonElement? Parameters)
{
    /// <summary>OpenAI/Anthropic <c>strict</c> schema adherence flag.</summary>
    public bool? Strict { get; init; }

    /// <summary>A prompt-cache breakpoint after this tool (Anthropic <c>cache_control</c>); null for none.</summary>
    public CacheBreakpoint? Cache { get; init; }
}

/// <summary>How the model may use tools.</summary>
public enum ToolChoiceMode
{
    /// <summary>The model decides.</summary>
    Auto,

    /// <summary>The model must not call tools.</summary>
    None,

    /// <summary>The model must call at least one tool (OpenAI <c>required</c>, Anthropic <c>any</c>).</summary>
    Required,

    /// <summary>The model must call the named tool.</summary>
    Specific,
}

/// <summary>Tool choice with the tool name when <see cref="Mode"/> is <see cref="ToolChoiceMode.Specific"/>.</summary>
public sealed record ToolChoice(ToolChoiceMode Mode, string? Name = null)
{
    /// <summary>Shared instance for <see cref="ToolChoiceMode.Auto"/>.</summary>
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto);
}
