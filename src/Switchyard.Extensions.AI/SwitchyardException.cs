using Switchyard.Failures;

namespace Switchyard.Extensions.AI;

/// <summary>
/// A request the engine could not serve: the same classified failure an HTTP caller gets as an error body, with the HTTP
/// status it would have had and whether retrying can help. Thrown by <see cref="SwitchyardChatClient"/> and
/// <see cref="SwitchyardEmbeddingGenerator"/>.
/// </summary>
public sealed class SwitchyardException : Exception
{
    /// <summary>Creates the exception for <paramref name="failure"/>.</summary>
    public SwitchyardException(Failure failure)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).Message)
    {
        Failure = failure;
    }

    /// <summary>Creates an exception of kind <see cref="FailureKind.ServerError"/> (for serializers and tooling).</summary>
    public SwitchyardException()
        : this(new Failure(FailureKind.ServerError, "The request failed."))
    {
    }

    /// <summary>Creates an exception of kind <see cref="FailureKind.ServerError"/> with <paramref name="message"/>.</summary>
    public SwitchyardException(string message)
        : this(new Failure(FailureKind.ServerError, message))
    {
    }

    /// <summary>Creates an exception of kind <see cref="FailureKind.ServerError"/> with <paramref name="message"/>.</summary>
    public SwitchyardException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = new Failure(FailureKind.ServerError, message);
    }

    /// <summary>The classified failure, every upstream attempt included when there was more than one.</summary>
    public Failure Failure { get; }

    /// <summary>The failure's kind.</summary>
    public FailureKind Kind => Failure.Kind;

    /// <summary>The HTTP status the gateway would answer with.</summary>
    public int StatusCode => Failure.Traits.CallerStatus;

    /// <summary>Whether the same request may succeed later (the gateway's <c>x-should-retry</c>).</summary>
    public bool ShouldRetry => Failure.Traits.CallerShouldRetry;

    /// <summary>How long the provider asked callers to wait, when it said.</summary>
    public TimeSpan? RetryAfter => Failure.RetryAfter;
}
