namespace Switchyard.Batching;

/// <summary>What the planner needs of a line's body, from the scan or the full parse.</summary>
/// <param name="Model">The model the body names.</param>
/// <param name="MaxOutputTokens">The body's output limit, or null.</param>
/// <param name="Stream">Whether the body asks to stream.</param>
/// <param name="InputTokens">The scan's estimate; null when the planner's estimator is to count the parsed request.</param>
internal readonly record struct LineFacts(string Model, int? MaxOutputTokens, bool Stream, int? InputTokens);
