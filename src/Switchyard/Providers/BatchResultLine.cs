using Switchyard.Batching;
using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>One line of a provider's batch results, classified.</summary>
/// <param name="CustomId">The request's custom_id.</param>
/// <param name="Failure">Null when the request succeeded; else why it failed.</param>
/// <param name="Json">The response body (success) or the error object (failure), as the provider wrote it.</param>
/// <param name="Usage">Billed usage of a success, when the provider reported it.</param>
/// <param name="Model">The model that answered, when the provider said.</param>
public sealed record BatchResultLine(string CustomId, BatchFailureClass? Failure, byte[] Json, TokenUsage? Usage = null, string? Model = null);
