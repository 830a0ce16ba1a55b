namespace Switchyard.Simulator.Generation;

/// <summary>The thinking block an answer starts with: its text, its length in tokens and its opaque signature (base64).</summary>
internal sealed record PlannedThinking(string Text, int Tokens, string Signature);
