namespace Switchyard.Memory;

/// <summary>A run of turns kept or dropped together.</summary>
/// <param name="Start">Index of the first turn.</param>
/// <param name="Count">Number of turns.</param>
/// <param name="Tokens">Their tokens together.</param>
public readonly record struct TurnUnit(int Start, int Count, int Tokens);
