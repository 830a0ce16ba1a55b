namespace Switchyard.Batching;

/// <summary>Why one batch line did not produce a result. Written to the failures file in snake_case.</summary>
public enum BatchFailureClass
{
    /// <summary>The provider rate-limited the request inside the batch. Retryable.</summary>
    RateLimited,

    /// <summary>The provider failed (5xx, overloaded) or returned no result for the line. Retryable.</summary>
    ServerError,

    /// <summary>The batch's completion window ended before the request ran. Retryable.</summary>
    Expired,

    /// <summary>The provider rejected the request (4xx, or the whole batch failed validation). Not retryable.</summary>
    InvalidRequest,

    /// <summary>The provider's content filter refused the request. Not retryable.</summary>
    ContentFiltered,

    /// <summary>The job or batch was cancelled before the request ran. Not retryable.</summary>
    Cancelled,

    /// <summary>The line failed validation and <c>--skip-invalid</c> left it out; it never reached the provider. Not retryable.</summary>
    InvalidInput,
}

/// <summary>Names and retry semantics of <see cref="BatchFailureClass"/>.</summary>
public static class BatchFailureClasses
{
    /// <summary>Whether a line that failed this way may be submitted again (<c>batch replay</c>).</summary>
    public static bool IsRetryable(this BatchFailureClass failure) =>
        failure is BatchFailureClass.RateLimited or BatchFailureClass.ServerError or BatchFailureClass.Expired;

    /// <summary>The snake_case name written to the failures file and the job store.</summary>
    public static string ToWireName(this BatchFailureClass failure) => failure switch
    {
        BatchFailureClass.RateLimited => "rate_limited",
        BatchFailureClass.ServerError => "server_error",
        BatchFailureClass.Expired => "expired",
        BatchFailureClass.InvalidRequest => "invalid_request",
        BatchFailureClass.ContentFiltered => "content_filtered",
        BatchFailureClass.Cancelled => "cancelled",
        BatchFailureClass.InvalidInput => "invalid_input",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    /// <summary>Parses a name written by <see cref="ToWireName"/>.</summary>
    public static BatchFailureClass FromWireName(string name) => name switch
    {
        "rate_limited" => BatchFailureClass.RateLimited,
        "server_error" => BatchFailureClass.ServerError,
        "expired" => BatchFailureClass.Expired,
        "invalid_request" => BatchFailureClass.InvalidRequest,
        "content_filtered" => BatchFailureClass.ContentFiltered,
        "cancelled" => BatchFailureClass.Cancelled,
        "invalid_input" => BatchFailureClass.InvalidInput,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown batch failure class."),
    };
}
