using System.Text;
using Switchyard.Batching;

namespace Switchyard.Tests.Batching;

public sealed class CustomIdCheckTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sy-ids-" + Guid.NewGuid().ToString("N"));

    public CustomIdCheckTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void Resolve_WithAFilterThatCallsEveryIdMaybeSeen_PlacesNewIdsAndReportsOnlyTrueRepeatsWithTheirFirstLine()
    {
        // A 64-byte filter is saturated after a handful of ids: almost every line is held, so the exact check decides.
        var ids = new[] { "a", "b", "c", "a", "d", "e", "b", "f", "g", "h", "g", "café", "café" };
        var (placed, duplicates) = Run(new CustomIdCheck(filterBytes: 64, maxHeldLines: 3), ids);

        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "café"], placed.OrderBy(p => p.Line).Select(p => p.Id));
        Assert.Equal([(4L, 1L), (7L, 2L), (11L, 9L), (13L, 12L)], duplicates);
    }

    [Fact]
    public void Resolve_HeldLinesKeepTheirBytes_AcrossAResolveTriggeredByBytes()
    {
        var ids = Enumerable.Range(1, 50).Select(i => $"id-{i % 20}").ToArray();
        var (placed, duplicates) = Run(new CustomIdCheck(filterBytes: 64, maxHeldLines: 1000, maxHeldBytes: 100), ids);

        Assert.Equal(20, placed.Count);
        Assert.All(placed, p => Assert.Equal($"body of line {p.Line}", p.Bytes));
        Assert.Equal(30, duplicates.Count);
        Assert.All(duplicates, d => Assert.Equal(ids[d.Line - 1], ids[d.First - 1]));
    }

    [Fact]
    public void IsCertainlyNew_WithTheDefaultFilter_HoldsNothingForDistinctIds()
    {
        var check = new CustomIdCheck();

        Assert.All(Enumerable.Range(0, 10_000), i => Assert.True(check.IsCertainlyNew($"req-{i}")));
        Assert.False(check.IsCertainlyNew("req-42"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (List<(long Line, string Id, string Bytes)> Placed, List<(long Line, long First)> Duplicates) Run(CustomIdCheck check, string[] ids)
    {
        var placed = new List<(long, string, string)>();
        var duplicates = new List<(long, long)>();
        using var log = new BatchPlacementLog(_directory);
        void Place(long line, string id, ReadOnlySpan<byte> bytes)
        {
            log.Append(new BatchLinePlacement(line, id, 1, 0, bytes.Length, "m", 0m));
            placed.Add((line, id, Encoding.UTF8.GetString(bytes)));
        }

        void Decide(in CustomIdCheck.HeldLine held, ReadOnlySpan<byte> bytes, long? first)
        {
            if (first is { } f)
            {
                duplicates.Add((held.LineNumber, f));
            }
            else
            {
                Place(held.LineNumber, held.CustomId, bytes);
            }
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var line = i + 1L;
            var bytes = Encoding.UTF8.GetBytes($"body of line {line}");
            if (check.IsCertainlyNew(ids[i]))
            {
                Place(line, ids[i], bytes);
            }
            else if (check.Hold(new CustomIdCheck.HeldLine(line, ids[i], "m", 0m), bytes))
            {
                check.Resolve(log, Decide);
            }
        }

        if (check.HasHeld)
        {
            check.Resolve(log, Decide);
        }

        return (placed, duplicates.OrderBy(d => d.Item1).ToList());
    }
}
