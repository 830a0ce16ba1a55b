using Switchyard.Batching;

namespace Switchyard.Tests.Batching;

public sealed class WriteBehindStreamTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sy-writebehind-" + Guid.NewGuid().ToString("N"));

    public WriteBehindStreamTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void Write_ToThreeFilesSharingOneWorker_KeepsEachFilesBytesInOrder()
    {
        var paths = Enumerable.Range(0, 3).Select(i => Path.Combine(_directory, $"f{i}")).ToArray();
        var expected = paths.Select(_ => new MemoryStream()).ToArray();
        var random = new Random(7);
        using (var worker = new WriteBehindWorker())
        {
            var streams = paths.Select(p => new WriteBehindStream(p, worker)).ToArray();
            for (var i = 0; i < 2000; i++)
            {
                var which = random.Next(3);
                var bytes = new byte[random.Next(1, 5000)];
                random.NextBytes(bytes);
                streams[which].Write(bytes);
                expected[which].Write(bytes);
                if (i % 500 == 0)
                {
                    streams[which].WriteByte((byte)'\n');
                    expected[which].WriteByte((byte)'\n');
                }
            }

            foreach (var stream in streams)
            {
                stream.Flush(flushToDisk: true);
                Assert.Equal(stream.Length, new FileInfo(paths[Array.IndexOf(streams, stream)]).Length);
                stream.Dispose();
            }
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i].ToArray(), File.ReadAllBytes(paths[i]));
        }
    }

    [Fact]
    public void Flush_MakesEverythingWrittenSoFarReadable()
    {
        var path = Path.Combine(_directory, "f");
        using var worker = new WriteBehindWorker();
        using var stream = new WriteBehindStream(path, worker);

        stream.Write(new byte[10]);
        stream.Flush();

        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Assert.Equal(10, reader.Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
