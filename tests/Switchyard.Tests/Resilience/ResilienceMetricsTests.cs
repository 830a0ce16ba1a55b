using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Failures;
using Switchyard.Resilience;

namespace Switchyard.Tests.Resilience;

public sealed class ResilienceMetricsTests
{
    [Fact]
    public void BreakerStateGauge_AfterTheBreakerOpens_ReportsTwoForIt()
    {
        var registry = new ResilienceRegistry(new ResilienceOptions(), new FakeTimeProvider());
        var breaker = registry.BreakerFor(new DeploymentKey("openai", "metrics-test", "gpt-4o"), "gpt-4o");
        Assert.True(breaker.TryAcquire(out var permit));
        breaker.Report(permit, new Failure(FailureKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromSeconds(30) });

        var observed = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ResilienceMetrics.MeterName && instrument.Name == "switchyard.breaker.state")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "switchyard.breaker")
                {
                    observed[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Equal(2, observed[breaker.Name]);
        GC.KeepAlive(registry);
    }
}
