namespace Switchyard.Streaming;

/// <summary>
/// An event while it waits for the delta log's writer: a value, its data a slice of its stream's pooled chunk
/// (<see cref="LiveStream"/>), so logging an event allocates nothing. Valid until the writer marks it durable; readers get
/// a <see cref="ToRecord"/> copy.
/// </summary>
internal readonly record struct LoggedEvent(long Sequence, string? EventType, ReadOnlyMemory<byte> Data)
{
    /// <summary>A record with its own copy of the data, for a reader that may hold it after the chunk is reused.</summary>
    public StreamEventRecord ToRecord() => new(Sequence, EventType, Data.ToArray());
}
