using System.Collections.Frozen;
using Switchyard.Failures;

namespace Switchyard.Routing;

/// <summary>
/// Per route: which failure kinds retry the same target, which fall back to the next one and which fail fast.
/// Immutable. Kinds not overridden take <see cref="DefaultAction"/>.
/// </summary>
public sealed class FallbackPolicy
{
    private readonly FrozenDictionary<FailureKind, FailureAction> _overrides;

    /// <summary>Creates a policy from overrides of the defaults.</summary>
    public FallbackPolicy(IReadOnlyDictionary<FailureKind, FailureAction>? overrides = null) =>
        _overrides = (overrides ?? new Dictionary<FailureKind, FailureAction>()).ToFrozenDictionary();

    /// <summary>The defaults only.</summary>
    public static FallbackPolicy Default { get; } = new();

    /// <summary>The action for <paramref name="kind"/>.</summary>
    public FailureAction For(FailureKind kind) => _overrides.TryGetValue(kind, out var action) ? action : DefaultAction(kind);

    /// <summary>
    /// The defaults: the caller's own mistakes (invalid request, authentication, content filtered) fail fast; capacity and
    /// transport trouble (rate limits, overload, server errors, connect failures, timeouts, broken streams, open breakers,
    /// spent quota) fall back; context too long falls back only to a larger window (the loop enforces that).
    /// </summary>
    public static FailureAction DefaultAction(FailureKind kind) => kind switch
    {
        FailureKind.InvalidRequest or FailureKind.Unauthenticated or FailureKind.PermissionDenied or FailureKind.ContentFiltered
            or FailureKind.PayloadTooLarge or FailureKind.BudgetExceeded or FailureKind.DeadlineExceeded or FailureKind.Cancelled => FailureAction.FailFast,
        _ => FailureAction.FallBack,
    };
}
