namespace Switchyard.Providers;

/// <summary>A provider batch as last seen.</summary>
/// <param name="Id">The provider's batch id.</param>
/// <param name="Status">The provider's status word (OpenAI <c>status</c>, Anthropic <c>processing_status</c>).</param>
/// <param name="Ended">Whether processing is over and results (if any) can be read.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Done">Requests finished so far (succeeded or failed).</param>
/// <param name="Failed">Requests that failed so far.</param>
public sealed record RemoteBatch(string Id, string Status, bool Ended, int Total, int Done, int Failed)
{
    /// <summary>The marker the batch was created with, when the provider stores one (OpenAI <c>metadata</c>).</summary>
    public string? Marker { get; init; }

    /// <summary>When the provider made the batch.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Whether the whole batch was rejected before running (OpenAI <c>failed</c> validation): none of its lines ran.
    /// </summary>
    public bool Rejected { get; init; }

    /// <summary>Whether the batch was cancelled (lines without a result were never run).</summary>
    public bool Cancelled { get; init; }

    /// <summary>Whether the batch expired (lines without a result ran out of time).</summary>
    public bool Expired { get; init; }

    /// <summary>The provider's whole-batch errors, joined; null when none.</summary>
    public string? Error { get; init; }

    /// <summary>OpenAI: the output file id.</summary>
    public string? OutputFileId { get; init; }

    /// <summary>OpenAI: the error file id.</summary>
    public string? ErrorFileId { get; init; }
}
