namespace Switchyard.Simulator.Requests;

/// <summary>A provider-format error to answer with; <paramref name="Type"/> is the provider's error type.</summary>
internal sealed record WireError(int Status, string Type, string Message, string? Param = null, string? Code = null);
