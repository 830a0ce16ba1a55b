namespace Switchyard.Batching;

/// <summary>What <see cref="OpenAIBodyScanner"/> learned of a body.</summary>
/// <param name="Model">The model named.</param>
/// <param name="MaxOutputTokens">max_completion_tokens, else max_tokens, else null.</param>
/// <param name="Stream">Whether the body asks to stream.</param>
/// <param name="InputTokens">Upper estimate of the input tokens.</param>
internal readonly record struct OpenAIBodyFacts(string Model, int? MaxOutputTokens, bool Stream, int InputTokens);
