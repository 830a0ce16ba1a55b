namespace Switchyard.Streaming;

/// <summary>One server-sent event exactly as the client received it.</summary>
/// <param name="Sequence">The event's position in its stream; strictly increasing per stream.</param>
/// <param name="EventType">The SSE <c>event:</c> field, or <see langword="null"/> when the event had none.</param>
/// <param name="Data">The event's bytes as sent.</param>
public sealed record StreamEventRecord(long Sequence, string? EventType, ReadOnlyMemory<byte> Data);
