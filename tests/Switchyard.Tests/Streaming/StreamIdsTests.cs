using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed class StreamIdsTests
{
    [Fact]
    public void New_ManyIds_PrefixedUrlSafeAndDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => StreamIds.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.StartsWith("sys_", id, StringComparison.Ordinal);
            Assert.Equal(StreamIds.Length, id.Length);
            Assert.Equal(4 + 8 + 22, id.Length); // 48-bit time and 128 random bits, unpadded base64url.
            Assert.All(id[4..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {id}"));
        });
    }

    [Fact]
    public void New_SameMillisecond_SameTimePrefixDifferentRandomPart()
    {
        var now = new DateTimeOffset(2026, 11, 26, 1, 2, 3, TimeSpan.Zero);

        var a = StreamIds.New(now);
        var b = StreamIds.New(now);

        Assert.Equal(a[..12], b[..12]);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a[..12], StreamIds.New(now.AddDays(1))[..12]);
    }
}
