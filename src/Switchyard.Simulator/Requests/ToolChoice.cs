namespace Switchyard.Simulator.Requests;

/// <summary>How the request lets the model use tools, in provider-neutral terms.</summary>
internal enum ToolChoiceMode
{
    None,
    Auto,
    Required,
    Specific,
}

/// <summary>The tool choice; <paramref name="Name"/> is set for <see cref="ToolChoiceMode.Specific"/>.</summary>
internal readonly record struct ToolChoice(ToolChoiceMode Mode, string? Name = null);
