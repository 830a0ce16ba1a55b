using Switchyard.Failures;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>The provider's batch API failed in a way the caller should see as <see cref="Failure"/>.</summary>
internal sealed class BatchUpstreamException(Failure failure) : Exception(failure.Message)
{
    public Failure Failure { get; } = failure;
}
