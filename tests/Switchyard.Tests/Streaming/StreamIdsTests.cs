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
            Assert.Equal(4 + 22, id.Length); // 128 bits, unpadded base64url.
            Assert.All(id[4..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {id}"));
        });
    }
}
