namespace Switchyard.Batching;

/// <summary>One provider batch of a job: its input file on disk and its progress at the provider.</summary>
public sealed record BatchChunk
{
    /// <summary>The chunk's number within the job, from 1, continuing across replay rounds.</summary>
    public required long Id { get; init; }

    /// <summary>The job.</summary>
    public required string JobId { get; init; }

    /// <summary>0 for the first submission, then one more per replay.</summary>
    public required int Round { get; init; }

    /// <summary>The chunk's model when the provider wants one model per batch; else null.</summary>
    public string? Model { get; init; }

    /// <summary>The chunk's input file (provider line format, one request per line).</summary>
    public required string Path { get; init; }

    /// <summary>Requests in the chunk.</summary>
    public required int Requests { get; init; }

    /// <summary>Bytes of the chunk file.</summary>
    public required long Bytes { get; init; }

    /// <summary>Worst-case cost of the chunk at batch prices.</summary>
    public decimal EstimatedCostUsd { get; init; }

    /// <summary>Where the chunk stands.</summary>
    public BatchChunkState State { get; init; }

    /// <summary>
    /// A name unique to this chunk, sent with the batch (OpenAI <c>metadata</c>) so that a run which lost the create
    /// call's answer can find the batch it made.
    /// </summary>
    public required string Marker { get; init; }

    /// <summary>The uploaded input file's id (OpenAI).</summary>
    public string? FileId { get; init; }

    /// <summary>The provider batch id.</summary>
    public string? BatchId { get; init; }

    /// <summary>When the create intent was written: the earliest the provider batch can have been made.</summary>
    public DateTimeOffset? CreateIntentAt { get; init; }

    /// <summary>The provider's status word, as last seen.</summary>
    public string? RemoteStatus { get; init; }

    /// <summary>Requests the provider reports finished (succeeded or failed), as last seen.</summary>
    public int RemoteDone { get; init; }

    /// <summary>Requests the provider reports failed, as last seen.</summary>
    public int RemoteFailed { get; init; }

    /// <summary>A whole-batch error (validation failure), if any.</summary>
    public string? Error { get; init; }
}
