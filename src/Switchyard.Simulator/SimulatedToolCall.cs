namespace Switchyard.Simulator;

/// <summary>A tool call in a simulated answer.</summary>
/// <param name="Id">Call id as sent on the wire (<c>call_…</c> or <c>toolu_01…</c>).</param>
/// <param name="Name">Tool (function) name.</param>
/// <param name="ArgumentsJson">Arguments as compact JSON, valid against the tool's schema.</param>
public sealed record SimulatedToolCall(string Id, string Name, string ArgumentsJson);
