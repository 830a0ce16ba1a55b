using System.Globalization;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Batches;

/// <summary>
/// Decides a batch line's scripted fault from seed and custom_id alone, so the same line meets the same script in
/// every batch it is submitted in; transient kinds then clear after <see cref="BatchLineFault.Times"/> attempts.
/// </summary>
internal static class LineFaults
{
    /// <param name="script">The installed batch script.</param>
    /// <param name="seed">Effective simulator seed.</param>
    /// <param name="customId">The line's custom_id.</param>
    /// <param name="priorAttempts">How often this custom_id was attempted before, in any batch.</param>
    public static BatchLineFault? Decide(BatchScript script, int seed, string customId, int priorAttempts)
    {
        if (script.LineFaults.Count == 0)
        {
            return null;
        }

        var draw = new StablePrng(StableHash.Of(seed.ToString(CultureInfo.InvariantCulture), "batch-line", customId)).NextDouble();
        var upper = 0.0;
        foreach (var fault in script.LineFaults)
        {
            upper += fault.Fraction;
            if (draw < upper)
            {
                return !fault.Retryable || priorAttempts < fault.Times ? fault : null;
            }
        }

        return null;
    }

    /// <summary>The HTTP error a failing line reports, in the provider's wire format.</summary>
    public static WireError Error(BatchFaultKind kind, BatchProvider provider) => (kind, provider) switch
    {
        (BatchFaultKind.RateLimited, BatchProvider.OpenAI) => new WireError(429, "requests", "Rate limit reached for requests. Please try again later.", null, "rate_limit_exceeded"),
        (BatchFaultKind.RateLimited, _) => new WireError(429, "rate_limit_error", "This request would exceed the rate limit for your organization. Please try again later."),
        (BatchFaultKind.ServerError, BatchProvider.OpenAI) => new WireError(500, "server_error", "The server had an error while processing your request. Sorry about that!"),
        (BatchFaultKind.ServerError, _) => new WireError(500, "api_error", "Internal server error"),
        (BatchFaultKind.ContentFiltered, BatchProvider.OpenAI) => new WireError(400, "invalid_request_error", "Your request was rejected as a result of our safety system.", null, "content_policy_violation"),
        (BatchFaultKind.ContentFiltered, _) => new WireError(400, "invalid_request_error", "Output blocked by content filtering policy"),
        (_, BatchProvider.OpenAI) => new WireError(400, "invalid_request_error", "Invalid request: the request was rejected by the simulator's batch script.", null, "invalid_value"),
        _ => new WireError(400, "invalid_request_error", "Invalid request: the request was rejected by the simulator's batch script."),
    };
}
