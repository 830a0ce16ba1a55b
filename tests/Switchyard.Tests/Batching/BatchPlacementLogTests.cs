using Switchyard.Batching;

namespace Switchyard.Tests.Batching;

public sealed class BatchPlacementLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sy-placements-" + Guid.NewGuid().ToString("N"));

    public BatchPlacementLogTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void Read_ReturnsEveryPlacementAsWritten_IncludingUnicodeAndIdsLongerThanTheReadBuffer()
    {
        var longId = new string('x', 3 << 20);
        var written = new List<BatchLinePlacement>
        {
            new(1, "req-1", 1, 0, 120, "gpt-4o-mini", 0.000123456m),
            new(2, "café-☕", 2, 121, 99_999, "claude-haiku-4-5", 12.5m),
            new(long.MaxValue / 2, longId, 300, 5L << 33, int.MaxValue, "gpt-4o", 0m),
        };
        written.AddRange(Enumerable.Range(10, 5000).Select(i => new BatchLinePlacement(i, $"id-{i}", i / 100, i * 1000L, i, "m", i / 1_000_000m)));

        using (var log = new BatchPlacementLog(_directory))
        {
            foreach (var line in written)
            {
                log.Append(line);
            }

            log.Complete();
            Assert.Equal(written.Count, log.Count);
        }

        Assert.Equal(written, BatchPlacementLog.Read(Path.Combine(_directory, BatchPlacementLog.FileName)));
    }

    [Fact]
    public void Read_ACutShortLog_FailsWithWhereItIsDamaged()
    {
        var path = Path.Combine(_directory, BatchPlacementLog.FileName);
        using (var log = new BatchPlacementLog(_directory))
        {
            log.Append(new BatchLinePlacement(1, "a", 1, 0, 10, "gpt-4o-mini", 0.5m));
            log.Append(new BatchLinePlacement(2, "b", 1, 11, 10, "gpt-4o-mini", 0.5m));
        }

        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }

        var error = Assert.Throws<InvalidDataException>(() => BatchPlacementLog.Read(path).ToList());
        Assert.Contains("damaged at byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abandon_DeletesTheLog()
    {
        var log = new BatchPlacementLog(_directory);
        log.Append(new BatchLinePlacement(1, "a", 1, 0, 10, "gpt-4o-mini", 0.5m));

        log.Abandon();

        Assert.False(File.Exists(log.Path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
