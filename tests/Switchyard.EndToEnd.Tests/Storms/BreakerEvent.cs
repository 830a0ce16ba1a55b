using Switchyard.Resilience;

namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>A transition of the primary's breaker during a storm run, <see cref="At"/> since the storm was installed.</summary>
public sealed record BreakerEvent(TimeSpan At, BreakerState To, string Reason);
