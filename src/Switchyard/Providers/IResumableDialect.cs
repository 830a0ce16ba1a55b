namespace Switchyard.Providers;

/// <summary>
/// A dialect whose provider can resume a broken stream where it stopped (OpenAI's Responses API, for background
/// responses: <c>GET /v1/responses/{id}?stream=true&amp;starting_after=N</c>).
/// </summary>
public interface IResumableDialect
{
    /// <summary>The path (and query) that streams the events of <paramref name="responseId"/> after <paramref name="afterSequence"/>.</summary>
    string ResumePath(string responseId, long afterSequence);
}

/// <summary>A provider that can resume a broken stream (see <see cref="IResumableDialect"/>).</summary>
public interface IResumableProvider
{
    /// <summary>Whether this provider's API can resume streams at all.</summary>
    bool CanResume { get; }

    /// <summary>Re-opens the stream of <paramref name="responseId"/> after <paramref name="afterSequence"/>.</summary>
    Task<UpstreamResponse> ResumeAsync(string responseId, long afterSequence, TimeSpan? connectTimeout, CancellationToken cancellationToken);
}

/// <summary>A stream decoder that knows where its stream can be resumed from.</summary>
public interface IResumableStreamDecoder
{
    /// <summary>The provider's id of the response being streamed, once seen.</summary>
    string? ResponseId { get; }

    /// <summary>The last sequence number decoded, once seen.</summary>
    long? LastSequenceNumber { get; }
}
