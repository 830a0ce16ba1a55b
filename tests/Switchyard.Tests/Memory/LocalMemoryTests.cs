using Microsoft.Extensions.Time.Testing;
using Switchyard.Memory;
using Switchyard.Memory.Local;
using Switchyard.Testing.Memory;

namespace Switchyard.Tests.Memory;

public sealed class LocalMemoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-localmemory-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Open_AfterDisposeAndReopen_RecallsFromTheSavedIndexWithoutRebuilding()
    {
        var path = Path.Combine(_directory, "memory.db");
        var time = new FakeTimeProvider(MemoryHarness.Start);
        var key = MemoryHarness.Key();
        using (var memory = LocalMemory.Open(path, new MemoryOptions(), new ExtractiveSummarizer(), time, embedder: SharedEmbedder.Instance))
        {
            await memory.Engine.RecordAsync(key, [MemoryHarness.User("Our VPN gateway is vpn3.corp.internal."), MemoryHarness.Assistant("Noted.")], Ct);
        }

        using var reopened = LocalMemory.Open(path, new MemoryOptions(), new ExtractiveSummarizer(), time, embedder: SharedEmbedder.Instance);
        Assert.True(File.Exists(reopened.Index.PathOf(key)), "disposing must have saved the index");
        var query = (await SharedEmbedder.Instance.EmbedAsync(["Which host is the VPN gateway?"], Ct))[0];
        var hits = await reopened.Index.SearchAsync(key, query, 2, Ct);

        Assert.Equal(0, reopened.Index.Rebuilds);
        var best = Assert.Single(await reopened.Store.GetMemoriesAsync(key, [hits[0].Id], Ct));
        Assert.Contains("vpn3.corp.internal", best.Text, StringComparison.Ordinal);
    }
}
