using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;
using Switchyard.Hosting.Limits;

namespace Switchyard.Hosting.Tests.Limits;

/// <summary>Per-key buckets belong to one tenant's key, whatever the key is called.</summary>
public sealed class InboundLimiterTests
{
    [Fact]
    public void KeyLimit_SameKeyNameInTwoTenants_CountsEachApart()
    {
        using var limiter = new InboundLimiter();
        var options = new InboundLimitOptions { Key = new RateLimitPair { RequestsPerMinute = 2 } };
        var acme = new Caller("acme", "dev");
        var globex = new Caller("globex", "dev");

        Assert.True(limiter.TryAdmit(options, acme, tokens: 0).Admitted);
        Assert.True(limiter.TryAdmit(options, acme, tokens: 0).Admitted);
        var third = limiter.TryAdmit(options, acme, tokens: 0);

        Assert.False(third.Admitted);
        Assert.Contains("key 'dev'", third.Reason, StringComparison.Ordinal);
        Assert.True(limiter.TryAdmit(options, globex, tokens: 0).Admitted);
    }
}
