using System.Buffers;
using Switchyard.Providers;
using Xunit;

namespace Switchyard.Testing;

/// <summary>
/// Measures what a stream decoder's <see cref="IStreamDecoder.Observe"/> allocates per event, in steady state: the
/// stream runs once to warm up (JIT, pools), then again with fresh decoders, each event measured alone with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>. The text goes to a buffer large enough not to grow.
/// </summary>
public static class ObserverAllocations
{
    /// <summary>One measured event: bytes allocated, and whether it started the response, a tool call or stated usage.</summary>
    public readonly record struct Measured(long Bytes, bool OncePerStreamOrCall);

    /// <summary>
    /// Asserts that every event but those once per stream or tool call (the start, a tool call's start, usage: these
    /// take the <c>JsonDocument</c> decoder) allocates nothing, and that there are at least <paramref name="atLeast"/> of them.
    /// </summary>
    public static void AssertContentEventsAllocateNothing(Func<IStreamDecoder> create, IReadOnlyList<(string? EventType, byte[] Data)> events, int atLeast)
    {
        var content = Measure(create, events).Where(m => !m.OncePerStreamOrCall).ToList();
        Assert.All(content, m => Assert.Equal(0, m.Bytes));
        Assert.True(content.Count >= atLeast, $"{content.Count} content events of {events.Count}");
    }

    /// <summary>
    /// The allocations of each event: the least of three runs after the warm-up, because the shared array pool may trim
    /// itself on a GC caused by other tests and refill once (a pooled buffer, not the event's), and tiering may compile.
    /// </summary>
    public static IReadOnlyList<Measured> Measure(Func<IStreamDecoder> create, IReadOnlyList<(string? EventType, byte[] Data)> events)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(events);
        Run(create, events);
        var least = Run(create, events);
        for (var run = 0; run < 2; run++)
        {
            least = least.Zip(Run(create, events), (a, b) => a.Bytes <= b.Bytes ? a : b).ToList();
        }

        return least;
    }

    private static List<Measured> Run(Func<IStreamDecoder> create, IReadOnlyList<(string? EventType, byte[] Data)> events)
    {
        var decoder = create();
        var observation = new StreamObservation(new ArrayBufferWriter<char>(1 << 20));
        var measured = new List<Measured>(events.Count);
        foreach (var (eventType, data) in events)
        {
            observation.Reset();
            var before = GC.GetAllocatedBytesForCurrentThread();
            decoder.Observe(eventType, data, observation);
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            measured.Add(new Measured(bytes, observation.Start is not null || observation.Usage is not null || observation.ToolCallsStarted > 0));
        }

        return measured;
    }
}
