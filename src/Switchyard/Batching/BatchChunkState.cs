namespace Switchyard.Batching;

/// <summary>
/// Where one chunk (one provider batch) stands. The <c>…ing</c> states are intents written before a provider call; the
/// next state is its outcome written after it. A process that stops between the two finds the intent on its next run
/// and resolves it (upload again, or look the batch up by its marker) instead of calling twice blindly.
/// </summary>
public enum BatchChunkState
{
    /// <summary>Written to disk, nothing sent.</summary>
    Planned,

    /// <summary>About to upload the input file (OpenAI). An upload that may have happened is repeated: files cost nothing.</summary>
    Uploading,

    /// <summary>The input file is uploaded (<see cref="BatchChunk.FileId"/>).</summary>
    Uploaded,

    /// <summary>About to create the batch with <see cref="BatchChunk.Marker"/>; on the next run, look it up before creating.</summary>
    Creating,

    /// <summary>The provider batch exists (<see cref="BatchChunk.BatchId"/>).</summary>
    Created,

    /// <summary>The provider batch has ended (completed, expired, cancelled or failed).</summary>
    Ended,

    /// <summary>The results are in the job store.</summary>
    Collected,
}
