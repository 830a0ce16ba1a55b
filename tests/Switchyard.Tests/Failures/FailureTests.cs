using Switchyard.Failures;

namespace Switchyard.Tests.Failures;

public sealed class FailureTests
{
    [Fact]
    public void Constructor_KindAndMessage_LeavesProviderDetailsNull()
    {
        var failure = new Failure(FailureKind.ServerError, "boom");

        Assert.Equal(FailureKind.ServerError, failure.Kind);
        Assert.Equal("boom", failure.Message);
        Assert.Null(failure.ProviderStatus);
        Assert.Null(failure.ProviderErrorType);
        Assert.Null(failure.ProviderErrorCode);
        Assert.Null(failure.Param);
        Assert.Null(failure.RetryAfter);
        Assert.Null(failure.ProviderRequestId);
        Assert.Null(failure.Provider);
    }

    [Theory]
    [InlineData(FailureKind.RateLimited)]
    [InlineData(FailureKind.InvalidRequest)]
    [InlineData(FailureKind.Cancelled)]
    public void Traits_AnyKind_AreTheTraitsOfThatKind(FailureKind kind)
    {
        Assert.Equal(FailureTraits.Of(kind), new Failure(kind, "x").Traits);
    }

    [Fact]
    public void Traits_KindChangedWithWith_FollowTheNewKind()
    {
        var failure = new Failure(FailureKind.RateLimited, "slow down") with { Kind = FailureKind.QuotaExhausted };

        Assert.False(failure.Traits.RetrySameTarget);
    }

    [Fact]
    public void Equals_SameValues_AreEqual()
    {
        var a = new Failure(FailureKind.RateLimited, "m") { ProviderStatus = 429, RetryAfter = TimeSpan.FromSeconds(1), Provider = "openai" };
        var b = new Failure(FailureKind.RateLimited, "m") { ProviderStatus = 429, RetryAfter = TimeSpan.FromSeconds(1), Provider = "openai" };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { ProviderRequestId = "req_1" });
    }
}
