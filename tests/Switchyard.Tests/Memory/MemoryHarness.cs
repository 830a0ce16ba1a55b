using Switchyard.Testing.Memory;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Memory;
using Switchyard.Memory.Local;
using Switchyard.Model;
using Switchyard.Storage;

namespace Switchyard.Tests.Memory;

/// <summary>A real engine over a temporary SQLite file, a USearch index beside it and the shared MiniLM embedder.</summary>
internal sealed class MemoryHarness : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-memory-").FullName;

    public MemoryHarness(ISummarizer? summarizer = null, MemoryOptions? options = null, IEmbedder? embedder = null)
    {
        Summarizer = summarizer ?? new ExtractiveSummarizer();
        Options = options ?? new MemoryOptions();
        Embedder = embedder ?? SharedEmbedder.Instance;
        Store = new SqliteMemoryStore(DatabasePath, Time);
        Index = new USearchVectorIndex(new USearchIndexOptions { Directory = IndexDirectory }, Store);
        Engine = new MemoryEngine(Store, Embedder, Index, Summarizer, Options, Time);
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public string DatabasePath => Path.Combine(_directory, "memory.db");

    public string IndexDirectory => Path.Combine(_directory, "memory.db.index");

    public ISummarizer Summarizer { get; }

    public MemoryOptions Options { get; }

    public IEmbedder Embedder { get; }

    public SqliteMemoryStore Store { get; }

    public USearchVectorIndex Index { get; }

    public MemoryEngine Engine { get; }

    public static MemorySessionKey Key(string tenant = "acme", string session = "s-1") => new(tenant, session);

    public static ChatMessage User(string text) => ChatMessage.FromText(ChatRole.User, text);

    public static ChatMessage Assistant(string text) => ChatMessage.FromText(ChatRole.Assistant, text);

    /// <summary>Records user/assistant exchanges, one RecordAsync per exchange, as the gateway does after each settle.</summary>
    public async Task RecordExchangesAsync(MemorySessionKey key, IEnumerable<(string User, string Assistant)> exchanges, CancellationToken cancellationToken)
    {
        foreach (var (user, assistant) in exchanges)
        {
            await Engine.RecordAsync(key, [User(user), Assistant(assistant)], cancellationToken);
        }
    }

    public Task<AssembledContext> AskAsync(MemorySessionKey key, string question, CancellationToken cancellationToken, int? budget = null) =>
        Engine.AssembleAsync(key, new ContextRequest([ChatMessage.FromText(ChatRole.System, "You are a helpful agent."), User(question)]) { BudgetTokens = budget }, cancellationToken);

    public void Dispose()
    {
        Index.Dispose();
        Store.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leaked handle only leaves a temp directory behind; it must not fail the test.
        }
    }
}
