using System.Buffers;
using System.Net.ServerSentEvents;
using Switchyard.Providers;

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

    /// <summary>
    /// The same stream with events <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 (its
    /// content deltas) there <paramref name="times"/> times, written out as frames: a longer answer with the same per-stream
    /// work, so that what a stream costs once and what each event costs can be told apart.
    /// </summary>
    public RecordedStream Repeat(int first, int count, int times, bool namedEvents, int expectedEvents)
    {
        var content = Items.Skip(first).Take(count).ToArray();
        var items = Items.Take(first).Concat(Enumerable.Repeat(content, times).SelectMany(c => c)).Concat(Items.Skip(first + count)).ToArray();
        if (items.Length != expectedEvents)
        {
            throw new InvalidOperationException($"The long stream has {items.Length} events but the benchmark divides by {expectedEvents}.");
        }

        var body = new ArrayBufferWriter<byte>();
        foreach (var item in items)
        {
            SseFrame.Write(body, namedEvents ? item.EventType : null, item.Data);
        }

        return new RecordedStream(body.WrittenSpan.ToArray(), items);
    }
}
