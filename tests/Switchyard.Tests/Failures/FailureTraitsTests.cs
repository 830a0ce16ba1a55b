using Switchyard.Failures;

namespace Switchyard.Tests.Failures;

public sealed class FailureTraitsTests
{
    public static TheoryData<FailureKind> AllKinds() => new(Enum.GetValues<FailureKind>());

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Of_EveryKind_HasTraitsWithAnErrorStatus(FailureKind kind)
    {
        var traits = FailureTraits.Of(kind);

        Assert.InRange(traits.CallerStatus, 400, 599);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Of_EveryKind_RetryingTheSameTargetImpliesFallingBack(FailureKind kind)
    {
        // Whatever a retry of the same target could fix, another target could too.
        var traits = FailureTraits.Of(kind);

        Assert.True(!traits.RetrySameTarget || traits.FallBack);
    }

    [Theory]
    [InlineData(FailureKind.InvalidRequest, false, false, 400, false)]
    [InlineData(FailureKind.Unauthenticated, false, false, 401, false)]
    [InlineData(FailureKind.PermissionDenied, false, false, 403, false)]
    [InlineData(FailureKind.NotFound, false, false, 404, false)]
    [InlineData(FailureKind.PayloadTooLarge, false, false, 413, false)]
    [InlineData(FailureKind.ContextTooLong, false, true, 400, false)]
    [InlineData(FailureKind.ContentFiltered, false, false, 400, false)]
    [InlineData(FailureKind.RateLimited, true, true, 429, true)]
    [InlineData(FailureKind.QuotaExhausted, false, true, 429, false)]
    [InlineData(FailureKind.Overloaded, true, true, 503, true)]
    [InlineData(FailureKind.ServerError, true, true, 502, true)]
    [InlineData(FailureKind.ConnectFailed, true, true, 502, true)]
    [InlineData(FailureKind.FirstTokenTimeout, true, true, 504, true)]
    [InlineData(FailureKind.IdleTimeout, true, true, 504, true)]
    [InlineData(FailureKind.DeadlineExceeded, false, false, 504, true)]
    [InlineData(FailureKind.BudgetExceeded, false, false, 429, false)]
    [InlineData(FailureKind.CircuitOpen, false, true, 503, true)]
    [InlineData(FailureKind.StreamBroken, true, true, 502, true)]
    [InlineData(FailureKind.Cancelled, false, false, 499, false)]
    [InlineData(FailureKind.ProviderAccessDenied, false, true, 502, false)]
    public void Of_Kind_MatchesTheTable(FailureKind kind, bool retrySameTarget, bool fallBack, int callerStatus, bool callerShouldRetry)
    {
        Assert.Equal(new FailureTraits(retrySameTarget, fallBack, callerStatus, callerShouldRetry), FailureTraits.Of(kind));
    }

    [Fact]
    public void Of_RateLimitedAndQuotaExhausted_ShareA429ButOnlyRateLimitedIsRetryable()
    {
        var rateLimited = FailureTraits.Of(FailureKind.RateLimited);
        var quota = FailureTraits.Of(FailureKind.QuotaExhausted);

        Assert.Equal(429, rateLimited.CallerStatus);
        Assert.Equal(429, quota.CallerStatus);
        Assert.True(rateLimited.CallerShouldRetry);
        Assert.False(quota.CallerShouldRetry);
        Assert.False(quota.RetrySameTarget);
    }

    [Theory]
    [InlineData(FailureKind.InvalidRequest)]
    [InlineData(FailureKind.Unauthenticated)]
    [InlineData(FailureKind.ContentFiltered)]
    [InlineData(FailureKind.Cancelled)]
    public void Of_CallerErrors_NeverFallBack(FailureKind kind)
    {
        Assert.False(FailureTraits.Of(kind).FallBack);
    }

    [Fact]
    public void Of_UnnamedEnumValue_Throws()
    {
        Assert.ThrowsAny<InvalidOperationException>(() => FailureTraits.Of((FailureKind)999));
    }
}
