namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>The storm suite's short breaker durations really reach the gateway through flat configuration keys.</summary>
public sealed class StormConfigurationTests(StormConfigurationTests.Harness harness) : IClassFixture<StormConfigurationTests.Harness>
{
    public sealed class Harness : StormHarness;

    [Fact]
    public void Resilience_FlatKeys_BindToTheBreakerOptions()
    {
        var breaker = harness.BoundResilience.CircuitBreaker;

        Assert.Equal(StormHarness.BreakDuration, breaker.BreakDuration);
        Assert.Equal(StormHarness.MaxBreakDuration, breaker.MaxBreakDuration);
        Assert.Equal(StormHarness.HalfOpenProbes, breaker.HalfOpenProbes);
    }
}
