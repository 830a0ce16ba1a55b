using System.Diagnostics;
using Switchyard.Memory;
using Switchyard.Memory.Local;
using Switchyard.Model;
using Switchyard.Storage;
using Switchyard.Testing.Memory;

namespace Switchyard.MemoryBench;

/// <summary>
/// Input tokens per request with memory (default options, 4,000-token budget) against the no-memory baseline that
/// resends the whole history, at checkpoints of the synthetic conversation; plus recall@k over the planted facts at the end.
/// </summary>
internal static class TokensPerTurn
{
    private const string System = "You are a helpful agent.";

    public static async Task RunAsync(IEmbedder embedder, int exchanges)
    {
        var directory = Directory.CreateTempSubdirectory("switchyard-memorybench-").FullName;
        try
        {
            using var store = new SqliteMemoryStore(Path.Combine(directory, "memory.db"), TimeProvider.System);
            using var index = new USearchVectorIndex(new USearchIndexOptions { Directory = Path.Combine(directory, "memory.db.index") }, store);
            var options = new MemoryOptions();
            var engine = new MemoryEngine(store, embedder, index, new ExtractiveSummarizer(), options, TimeProvider.System);
            var key = new MemorySessionKey("bench", "conversation");
            var (conversation, _) = SyntheticConversation.Build(exchanges);
            var checkpoints = new[] { 10, 50, 100, 250, 500, 1000 }.Where(c => c <= exchanges * 2).ToHashSet();
            Console.WriteLine($"## Tokens per request, memory vs no-memory baseline ({exchanges * 2} turns)");
            Console.WriteLine("| turn | memory | baseline | memory/baseline |");
            Console.WriteLine("|---:|---:|---:|---:|");
            var history = 0;
            var record = Stopwatch.StartNew();
            for (var i = 0; i < conversation.Count; i++)
            {
                var (user, assistant) = conversation[i];
                var turn = (i * 2) + 1;
                var ask = ChatMessage.FromText(ChatRole.User, user);
                var context = await engine.AssembleAsync(key, new ContextRequest([ChatMessage.FromText(ChatRole.System, System), ask]), CancellationToken.None);
                var baseline = history + MemoryTokens.Count(ChatMessage.FromText(ChatRole.System, System)) + MemoryTokens.Count(ask) + 3;
                if (checkpoints.Contains(turn) || checkpoints.Contains(turn + 1))
                {
                    var sent = context.Trace.TotalTokens + 3;
                    Console.WriteLine($"| {turn} | {sent:N0} | {baseline:N0} | {sent / (double)baseline:P1} |");
                }

                var reply = ChatMessage.FromText(ChatRole.Assistant, assistant);
                await engine.RecordAsync(key, [ask, reply], CancellationToken.None);
                history += MemoryTokens.Count(ask) + MemoryTokens.Count(reply);
            }

            var found = 0;
            foreach (var (_, question, answer) in PlantedFacts.All)
            {
                var context = await engine.AssembleAsync(key, new ContextRequest([ChatMessage.FromText(ChatRole.System, System), ChatMessage.FromText(ChatRole.User, question)]), CancellationToken.None);
                found += context.Messages.Any(m => m.Text.Contains(answer, StringComparison.Ordinal)) ? 1 : 0;
            }

            Console.WriteLine($"recall@{options.RecallTopK} over {PlantedFacts.All.Count} planted facts: {found}/{PlantedFacts.All.Count}; conversation recorded in {record.Elapsed.TotalSeconds:0} s");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
