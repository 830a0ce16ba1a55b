using System.Net.ServerSentEvents;

namespace Switchyard.Benchmarks;

/// <summary>An upstream SSE body and the events the gateway's parser makes of it, parsed once at setup.</summary>
internal sealed class RecordedStream
{
    private RecordedStream(byte[] body, SseItem<byte[]>[] items)
    {
        Body = body;
        Items = items;
    }

    /// <summary>The raw body, as it comes off the upstream connection.</summary>
    public byte[] Body { get; }

    /// <summary>The parsed events, exactly as <c>UpstreamResponse.ReadEventsAsync</c> yields them.</summary>
    public SseItem<byte[]>[] Items { get; }

    /// <summary>Parses <paramref name="body"/> and checks it has <paramref name="expectedEvents"/> events (the benchmarks' divisor).</summary>
    public static RecordedStream Load(byte[] body, int expectedEvents)
    {
        using var stream = new MemoryStream(body);
        var items = SseParser.Create(stream, static (_, data) => data.ToArray()).Enumerate().ToArray();
        if (items.Length != expectedEvents)
        {
            throw new InvalidOperationException(
                $"The stream has {items.Length} events but the benchmark divides by {expectedEvents}; update the constant in Inputs.");
        }

        return new RecordedStream(body, items);
    }
}
