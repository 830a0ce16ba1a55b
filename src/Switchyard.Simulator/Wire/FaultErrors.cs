using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Wire;

/// <summary>The error each provider sends for a status, used by <c>status</c> faults (PROTOCOLS §3.1, §4.5).</summary>
internal static class FaultErrors
{
    public static WireError For(SimulatorApi api, FaultSpec fault, string model)
    {
        var error = api == SimulatorApi.AnthropicMessages ? Anthropic(fault.Status) : OpenAI(fault.Status, model);
        // An overridden type (e.g. insufficient_quota) is also OpenAI's code unless a code is given.
        return error with
        {
            Type = fault.ErrorType ?? error.Type,
            Code = fault.Code ?? (fault.ErrorType is not null && api != SimulatorApi.AnthropicMessages ? fault.ErrorType : error.Code),
            Message = fault.Message ?? error.Message,
        };
    }

    private static WireError OpenAI(int status, string model) => status switch
    {
        400 => new(400, "invalid_request_error", "Invalid request (simulated fault).", null, null),
        401 => new(401, "invalid_request_error", "Incorrect API key provided: sk-sim****. You can find your API key at https://platform.openai.com/account/api-keys.", null, "invalid_api_key"),
        403 => new(403, "request_forbidden", "Country, region, or territory not supported", null, "unsupported_country_region_territory"),
        404 => new(404, "invalid_request_error", $"The model `{model}` does not exist or you do not have access to it.", null, "model_not_found"),
        429 => new(429, "requests", $"Rate limit reached for {model} in organization org-simulator on requests per min (RPM): Limit 10000, Used 10000, Requested 1. Please try again in 6ms.", null, "rate_limit_exceeded"),
        500 => new(500, "server_error", "The server had an error while processing your request. Sorry about that!", null, null),
        503 or 529 => new(status, "service_unavailable_error", "The server is overloaded, please try again later.", null, "server_is_overloaded"),
        >= 500 => new(status, "server_error", "The server had an error while processing your request. Sorry about that!", null, null),
        _ => new(status, "invalid_request_error", "Invalid request (simulated fault).", null, null),
    };

    private static WireError Anthropic(int status) => status switch
    {
        401 => new(401, "authentication_error", "invalid x-api-key"),
        402 => new(402, "billing_error", "Your credit balance is too low to access the Anthropic API."),
        403 => new(403, "permission_error", "Your API key does not have permission to use the specified resource."),
        404 => new(404, "not_found_error", "The requested resource could not be found."),
        413 => new(413, "request_too_large", "Request exceeds the maximum allowed number of bytes."),
        429 => new(429, "rate_limit_error", "This request would exceed the rate limit for your organization of 4,000 requests per minute. Please try again later."),
        504 => new(504, "timeout_error", "Request timed out."),
        529 => new(529, "overloaded_error", "Overloaded"),
        >= 500 => new(status, "api_error", "Internal server error"),
        _ => new(status, "invalid_request_error", "Invalid request (simulated fault)."),
    };
}
