using Microsoft.Extensions.Logging;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;
using Switchyard.Memory;
using Switchyard.Memory.Local;

namespace Switchyard.Hosting.Memory;

/// <summary>
/// The gateway's memory: the embedded stack (<see cref="LocalMemory"/>: SQLite store beside the ledger, per-session
/// USearch indexes, the engine) with the configured embedder (local MiniLM, or provider embeddings through the gateway's
/// own embeddings path, billed to the session's tenant), the summarizer that calls back into the gateway, the background recorder and the assembly traces.
/// Created at start when <c>Memory:Enabled</c>; owns and disposes all of them.
/// </summary>
internal sealed class GatewayMemory : IAsyncDisposable
{
    private readonly LocalMemory _local;

    public GatewayMemory(SwitchyardOptions options, GatewayRuntime runtime, TimeProvider time, ILoggerFactory loggers)
    {
        var config = options.Memory;
        Options = config.ToEngineOptions();
        var embedder = config.Embedder == "openai" ? new GatewayEmbedder(runtime, config.EmbeddingModel, config.EmbeddingDimensions) : null;
        var summarizer = new GatewaySummarizer(runtime, config.Summarizer.Model, config.Summarizer.Tier);
        _local = LocalMemory.Open(DatabasePath(options), Options, summarizer, time, embedder: embedder, logger: loggers.CreateLogger<MemoryEngine>());
        Recorder = new MemoryRecorder(_local.Engine, config.QueueCapacity, loggers.CreateLogger<MemoryRecorder>());
    }

    /// <summary>The engine's options in force.</summary>
    public MemoryOptions Options { get; }

    /// <summary>The memory engine.</summary>
    public IAgentMemory Engine => _local.Engine;

    /// <summary>Records settled turns in the background.</summary>
    public MemoryRecorder Recorder { get; }

    /// <summary>What was assembled for recent requests.</summary>
    public AssemblyTraces Traces { get; } = new();

    /// <summary>
    /// Forgets a session (the admin API's and the library's "forget"): its turns still queued would bring it back, so they
    /// land first (within 5 s), then every turn, summary and memory of it is deleted.
    /// </summary>
    public async Task<SessionDeletion> ForgetAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        await Recorder.WaitForSessionAsync(key, TimeSpan.FromSeconds(5), cancellationToken);
        var deletion = await Engine.DeleteSessionAsync(key, cancellationToken);
        Recorder.LastUpdates.TryRemove(key, out _);
        return deletion;
    }

    /// <summary>
    /// The memory file: <see cref="StorageOptions.MemoryPath"/> for the local embedder; for a provider embedder the model
    /// and vector length join the name, so switching embedders never mixes vectors of two models in one index (switching
    /// back finds the old memories again).
    /// </summary>
    public static string DatabasePath(SwitchyardOptions options)
    {
        var path = options.Storage.MemoryPath;
        var memory = options.Memory;
        return memory.Embedder == "local"
            ? path
            : Path.ChangeExtension(path, null) + $".{FileSafe(memory.EmbeddingModel)}-{memory.EmbeddingDimensions}.db";
    }

    private static string FileSafe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    public async ValueTask DisposeAsync()
    {
        // The recorder first: it drains the queue through the engine, which needs the store, index and embedder.
        await Recorder.DisposeAsync();
        await _local.FlushAsync(CancellationToken.None);
        _local.Dispose();
    }
}
