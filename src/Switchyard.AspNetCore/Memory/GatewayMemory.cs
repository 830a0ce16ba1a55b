using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Configuration;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Memory;
using Switchyard.Memory.Local;
using Switchyard.Storage;

namespace Switchyard.AspNetCore.Memory;

/// <summary>
/// The gateway's memory: the engine over its embedded backends (SQLite store beside the ledger, local MiniLM embeddings,
/// per-session USearch indexes), the summarizer that calls back into the gateway, the background recorder and the
/// assembly traces. Created at start when <c>Memory:Enabled</c>; owns and disposes all of them.
/// </summary>
internal sealed class GatewayMemory : IAsyncDisposable
{
    private readonly SqliteMemoryStore _store;
    private readonly MiniLmEmbedder _embedder;
    private readonly USearchVectorIndex _index;

    public GatewayMemory(SwitchyardOptions options, GatewayRuntime runtime, TimeProvider time, ILoggerFactory loggers)
    {
        var config = options.Memory;
        Options = config.ToEngineOptions();
        _store = new SqliteMemoryStore(options.Storage.MemoryPath, time);
        try
        {
            _embedder = new MiniLmEmbedder();
            _index = new USearchVectorIndex(new USearchIndexOptions { Directory = options.Storage.MemoryPath + ".index" }, _store);
        }
        catch
        {
            _embedder?.Dispose();
            _store.Dispose();
            throw;
        }

        var summarizer = new GatewaySummarizer(runtime, config.Summarizer.Model, config.Summarizer.Tier);
        Engine = new MemoryEngine(_store, _embedder, _index, summarizer, Options, time, logger: loggers.CreateLogger<MemoryEngine>());
        Recorder = new MemoryRecorder(Engine, config.QueueCapacity, loggers.CreateLogger<MemoryRecorder>());
    }

    /// <summary>The engine's options in force.</summary>
    public MemoryOptions Options { get; }

    /// <summary>The memory engine.</summary>
    public IAgentMemory Engine { get; }

    /// <summary>Records settled turns in the background.</summary>
    public MemoryRecorder Recorder { get; }

    /// <summary>What was assembled for recent requests.</summary>
    public AssemblyTraces Traces { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await Recorder.DisposeAsync();
        await _index.FlushAsync(CancellationToken.None);
        _index.Dispose();
        _embedder.Dispose();
        _store.Dispose();
    }
}
