namespace Switchyard.Routing;

/// <summary>What the attempt loop does after a failed attempt.</summary>
public enum FailureAction
{
    /// <summary>Try the same target again (bounded by the route's retry limit and the attempt cap), then fall back.</summary>
    Retry,

    /// <summary>Move on to the next target.</summary>
    FallBack,

    /// <summary>Stop and return this failure to the caller.</summary>
    FailFast,
}
