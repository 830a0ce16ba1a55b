namespace Switchyard.Simulator.Batches;

/// <summary>One entry of an OpenAI batch's <c>errors.data</c>: why validation failed, and on which input line (1-based) if any.</summary>
internal sealed record BatchValidationError(string Code, string Message, int? Line, string? Param = null);
