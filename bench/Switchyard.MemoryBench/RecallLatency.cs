using System.Diagnostics;
using Switchyard.Memory;
using Switchyard.Memory.Local;
using Switchyard.Model;
using Switchyard.Storage;
using Switchyard.Testing.Memory;

namespace Switchyard.MemoryBench;

/// <summary>
/// Recall latency with <c>size</c> memories in one session. The memories are random unit vectors (embedding 100k real
/// texts would take ~10 minutes and tells nothing more about HNSW search time); every query is embedded for real. Two
/// measures: the recall path alone (embed the query, search the index for 3k, fetch the hits from SQLite) and the
/// engine's whole <see cref="MemoryEngine.AssembleAsync"/> (recall plus summary and window reads and formatting).
/// </summary>
internal static class RecallLatency
{
    public static async Task RunAsync(IEmbedder embedder, int size, int queries)
    {
        var directory = Directory.CreateTempSubdirectory("switchyard-memorybench-").FullName;
        try
        {
            using var store = new SqliteMemoryStore(Path.Combine(directory, "memory.db"), TimeProvider.System);
            using var index = new USearchVectorIndex(new USearchIndexOptions { Directory = Path.Combine(directory, "memory.db.index") }, store);
            var key = new MemorySessionKey("bench", "long-session");
            var build = Stopwatch.StartNew();
            await PopulateAsync(store, index, key, embedder.Dimensions, size);
            var buildSeconds = build.Elapsed.TotalSeconds;
            var engine = new MemoryEngine(store, embedder, index, new ExtractiveSummarizer(), new MemoryOptions(), TimeProvider.System);
            var questions = Enumerable.Range(0, queries).Select(i => PlantedFacts.All[i % PlantedFacts.All.Count].Question + (i < PlantedFacts.All.Count ? string.Empty : $" ({i})")).ToArray();

            // Warm-up: first search loads nothing more, but JIT and the ONNX session want a few runs.
            foreach (var question in questions.Take(10))
            {
                await RecallOnceAsync(embedder, index, store, key, question);
            }

            var embed = new List<double>();
            var search = new List<double>();
            var fetch = new List<double>();
            var total = new List<double>();
            foreach (var question in questions)
            {
                var (e, s, f) = await RecallOnceAsync(embedder, index, store, key, question);
                embed.Add(e);
                search.Add(s);
                fetch.Add(f);
                total.Add(e + s + f);
            }

            var assemble = new List<double>();
            foreach (var question in questions)
            {
                var clock = Stopwatch.StartNew();
                await engine.AssembleAsync(key, new ContextRequest([ChatMessage.FromText(ChatRole.User, question)]), CancellationToken.None);
                assemble.Add(clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"## Recall latency, {size:N0} memories (index built in {buildSeconds:0.0} s), {queries} queries");
            Console.WriteLine("| step | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|");
            Row("embed query (MiniLM)", embed);
            Row("HNSW search (k=24)", search);
            Row("fetch hits (SQLite)", fetch);
            Row("recall total", total);
            Row("AssembleAsync (engine)", assemble);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task PopulateAsync(SqliteMemoryStore store, USearchVectorIndex index, MemorySessionKey key, int dimensions, int size)
    {
        var random = new Random(11);
        const int Batch = 5_000;
        for (var start = 0; start < size; start += Batch)
        {
            var memories = Enumerable.Range(start, Math.Min(Batch, size - start))
                .Select(i => new NewMemory(MemoryKind.TurnChunk, $"Synthetic memory {i} about an earlier step of the work.", 12, i + 1, RandomUnit(random, dimensions)))
                .ToArray();
            var now = DateTimeOffset.UtcNow;
            var items = await store.AddMemoriesAsync(key, memories, now, now.AddDays(30), CancellationToken.None);
            await index.AddAsync(key, items.Select(i => i.Id).ToArray(), memories.Select(m => m.Vector).ToArray(), CancellationToken.None);
        }
    }

    private static async Task<(double Embed, double Search, double Fetch)> RecallOnceAsync(IEmbedder embedder, USearchVectorIndex index, SqliteMemoryStore store, MemorySessionKey key, string question)
    {
        var clock = Stopwatch.StartNew();
        var vector = (await embedder.EmbedAsync([question], CancellationToken.None))[0];
        var embed = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var hits = await index.SearchAsync(key, vector, 24, CancellationToken.None);
        var search = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await store.GetMemoriesAsync(key, hits.Select(h => h.Id).ToArray(), CancellationToken.None);
        return (embed, search, clock.Elapsed.TotalMilliseconds);
    }

    private static float[] RandomUnit(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        double sum = 0;
        for (var i = 0; i < dimensions; i++)
        {
            // Box–Muller: normal components give directions uniform on the sphere.
            var value = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            vector[i] = (float)value;
            sum += value * value;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static void Row(string name, List<double> sample) =>
        Console.WriteLine($"| {name} | {Percentiles.Of(sample, 50):0.00} | {Percentiles.Of(sample, 99):0.00} |");
}
