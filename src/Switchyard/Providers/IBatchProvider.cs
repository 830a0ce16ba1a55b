using Switchyard.Batching;

namespace Switchyard.Providers;

/// <summary>
/// A provider's batch API (OpenAI Files + Batches, Anthropic Message Batches) as the batch runner needs it. Every call
/// is one provider call, so the runner can record its intent before and its outcome after. Failures throw
/// <see cref="BatchProviderException"/>. Implementations are thread-safe.
/// </summary>
public interface IBatchProvider
{
    /// <summary>Provider name: <c>openai</c> or <c>anthropic</c>.</summary>
    string Name { get; }

    /// <summary>The provider's batch limits.</summary>
    BatchLimits Limits { get; }

    /// <summary>The line format the chunk files must be written in.</summary>
    BatchLineFormat Format { get; }

    /// <summary>Whether chunks are uploaded as files before the batch is created (OpenAI).</summary>
    bool UploadsFiles { get; }

    /// <summary>Uploads a chunk file (streamed) and returns the provider's file id.</summary>
    Task<string> UploadAsync(string path, string fileName, CancellationToken cancellationToken);

    /// <summary>Creates a batch from a chunk (its uploaded <paramref name="fileId"/>, or its file streamed as the body).</summary>
    /// <param name="chunkPath">The chunk file.</param>
    /// <param name="fileId">The uploaded file id (OpenAI); null otherwise.</param>
    /// <param name="marker">A name unique to the chunk, kept with the batch where the provider allows it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<RemoteBatch> CreateAsync(string chunkPath, string? fileId, string marker, CancellationToken cancellationToken);

    /// <summary>
    /// Looks for a batch that an interrupted <see cref="CreateAsync"/> may have made: created with
    /// <paramref name="marker"/> (where the provider keeps it), or else the oldest batch created since
    /// <paramref name="notBefore"/> with <paramref name="requests"/> requests that is not in <paramref name="excluding"/>.
    /// </summary>
    Task<RemoteBatch?> FindAsync(string marker, DateTimeOffset notBefore, int requests, IReadOnlySet<string> excluding, CancellationToken cancellationToken);

    /// <summary>Reads a batch's status.</summary>
    Task<RemoteBatch> GetAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Asks the provider to cancel a batch.</summary>
    Task<RemoteBatch> CancelAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Streams an ended batch's results (successes and failures), in the provider's order.</summary>
    IAsyncEnumerable<BatchResultLine> ReadResultsAsync(RemoteBatch batch, CancellationToken cancellationToken);
}
