using System.Diagnostics;
using Switchyard.Memory;
using Switchyard.Testing.Memory;

namespace Switchyard.MemoryBench;

/// <summary>Texts per second through the embedder at several batch sizes, over sentences of the synthetic conversation.</summary>
internal static class EmbeddingThroughput
{
    public static async Task RunAsync(IEmbedder embedder)
    {
        var texts = SyntheticConversation.Messages(SyntheticConversation.Build(200).Exchanges).Select(m => m.Text).Take(256).ToArray();
        await embedder.EmbedAsync(texts.Take(8).ToArray(), CancellationToken.None);
        Console.WriteLine("## Embedding throughput (MiniLM, 1 intra-op thread)");
        Console.WriteLine("| batch | texts | ms/text | texts/s |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var batch in new[] { 1, 8, 32 })
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < texts.Length; i += batch)
            {
                await embedder.EmbedAsync(texts.Skip(i).Take(batch).ToArray(), CancellationToken.None);
            }

            var perText = clock.Elapsed.TotalMilliseconds / texts.Length;
            Console.WriteLine($"| {batch} | {texts.Length} | {perText:0.00} | {1000 / perText:0} |");
        }
    }
}
