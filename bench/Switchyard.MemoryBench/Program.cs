using System.Globalization;
using Switchyard.MemoryBench;

// dotnet run -c Release --project bench/Switchyard.MemoryBench -- [--sizes 10000,100000] [--queries 300] [--exchanges 500]
var sizes = Option("--sizes", "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var queries = int.Parse(Option("--queries", "300"), CultureInfo.InvariantCulture);
var exchanges = int.Parse(Option("--exchanges", "500"), CultureInfo.InvariantCulture);

using var embedder = new Switchyard.Memory.Local.MiniLmEmbedder();
await EmbeddingThroughput.RunAsync(embedder);
foreach (var size in sizes)
{
    await RecallLatency.RunAsync(embedder, size, queries);
}

if (exchanges > 0)
{
    await TokensPerTurn.RunAsync(embedder, exchanges);
}

string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
