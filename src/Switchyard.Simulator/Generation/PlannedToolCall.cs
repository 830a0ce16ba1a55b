namespace Switchyard.Simulator.Generation;

/// <summary>A tool call the simulator will answer with; <paramref name="Arguments"/> is compact JSON.</summary>
internal sealed record PlannedToolCall(string Id, string Name, string Arguments);
