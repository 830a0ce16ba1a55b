using Switchyard.Memory;
using Switchyard.Memory.Local;

namespace Switchyard.Tests.Memory;

public sealed class USearchVectorIndexTests : IDisposable
{
    private readonly MemoryHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("missing")]
    [InlineData("corrupt")]
    [InlineData("stale")]
    public async Task SearchAsync_IndexFileMissingCorruptOrStale_RebuildsFromTheStore(string damage)
    {
        var key = MemoryHarness.Key();
        await _harness.Engine.RecordAsync(key, [MemoryHarness.User("The backup job runs at 02:30 every night."), MemoryHarness.Assistant("OK.")], Ct);
        await _harness.Index.FlushAsync(Ct);
        var path = _harness.Index.PathOf(key);
        switch (damage)
        {
            case "missing":
                File.Delete(path);
                break;
            case "corrupt":
                await File.WriteAllBytesAsync(path, [1, 2, 3, 4, 5], Ct);
                break;
            default:
                // Memories written after the last flush (a crash before the save): the file holds fewer vectors.
                await _harness.Engine.RecordAsync(key, [MemoryHarness.User("The restore drill is on the first Monday."), MemoryHarness.Assistant("OK.")], Ct);
                break;
        }

        using var reopened = new USearchVectorIndex(new USearchIndexOptions { Directory = _harness.IndexDirectory }, _harness.Store);
        var query = (await _harness.Embedder.EmbedAsync(["When does the backup run?"], Ct))[0];
        var hits = await reopened.SearchAsync(key, query, 3, Ct);

        Assert.Equal(1, reopened.Rebuilds);
        var best = Assert.Single(await _harness.Store.GetMemoriesAsync(key, [hits[0].Id], Ct));
        Assert.Contains("02:30", best.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_IntactFile_LoadsWithoutRebuild()
    {
        var key = MemoryHarness.Key();
        await _harness.Engine.RecordAsync(key, [MemoryHarness.User("Invoices are due on the 15th."), MemoryHarness.Assistant("OK.")], Ct);
        await _harness.Index.FlushAsync(Ct);

        using var reopened = new USearchVectorIndex(new USearchIndexOptions { Directory = _harness.IndexDirectory }, _harness.Store);
        var query = (await _harness.Embedder.EmbedAsync(["When are invoices due?"], Ct))[0];
        var hits = await reopened.SearchAsync(key, query, 3, Ct);

        Assert.Equal(0, reopened.Rebuilds);
        Assert.NotEmpty(hits);
        Assert.InRange(hits[0].Similarity, 0.5f, 1.01f);
    }

    [Fact]
    public async Task PathOf_HashesTenantAndSession_SoNoUserTextReachesTheFileSystem()
    {
        var path = _harness.Index.PathOf(new MemorySessionKey("../../etc", "passwd"));

        Assert.Equal(_harness.IndexDirectory, Path.GetDirectoryName(path));
        Assert.DoesNotContain("passwd", path, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
