using System.Text;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed class PendingEventsTests
{
    private static LoggedEvent Event(long sequence) => new(sequence, "delta", Encoding.UTF8.GetBytes($"e{sequence}"));

    [Fact]
    public void AddAndRemoveThrough_AcrossTheRingsEndAndGrowth_KeepOrder()
    {
        var pending = new PendingEvents();
        long next = 1;
        long durable = 0;
        // Added and removed in uneven steps, so the ring's head wraps round and it grows while wrapped.
        foreach (var (add, remove) in new[] { (10, 4), (10, 9), (30, 5), (3, 30), (100, 60) })
        {
            for (var i = 0; i < add; i++)
            {
                pending.Add(Event(next++));
            }

            durable += remove;
            pending.RemoveThrough(durable);

            Assert.Equal(next - 1 - durable, pending.Count);
            Assert.Equal(Enumerable.Range((int)durable + 1, (int)(next - 1 - durable)).Select(i => (long)i), pending.CopyAfter(0).Select(r => r.Sequence));
        }
    }

    [Fact]
    public void CopyAfter_ReturnsCopiesOfTheLaterEventsOnly()
    {
        var pending = new PendingEvents();
        for (var i = 1; i <= 5; i++)
        {
            pending.Add(Event(i));
        }

        var copies = pending.CopyAfter(3);

        Assert.Equal([4L, 5L], copies.Select(r => r.Sequence));
        Assert.Equal("e4", Encoding.UTF8.GetString(copies[0].Data.Span));
        Assert.Equal("delta", copies[1].EventType);
    }

    [Fact]
    public void Release_LeavesItEmptyAndUsable()
    {
        var pending = new PendingEvents();
        for (var i = 1; i <= 40; i++)
        {
            pending.Add(Event(i));
        }

        pending.Release();

        Assert.Equal(0, pending.Count);
        Assert.Empty(pending.CopyAfter(0));
        pending.Add(Event(41));
        Assert.Equal([41L], pending.CopyAfter(0).Select(r => r.Sequence));
    }
}
