namespace Switchyard.Simulator.Requests;

/// <summary>An offered function tool; <paramref name="Schema"/> is the JSON schema of its arguments, if any.</summary>
internal sealed record ToolDefinition(string Name, System.Text.Json.JsonElement? Schema);
