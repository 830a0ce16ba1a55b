using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// Scenario faults for endpoints that answer one JSON body and stream nothing (token counts, embeddings): only faults
/// that end or delay a whole response act. <c>reset</c> and <c>cut</c> abort the connection, <c>status</c> answers the
/// provider's error for it (with <c>retry-after</c>), <c>errorEvent</c> answers 529 (Anthropic) / 500 (OpenAI),
/// <c>stall</c> delays the answer, and the scenario's first-token latency delays every answer; <c>slow</c>,
/// <c>duplicate</c> and <c>overlap</c> have no effect.
/// </summary>
internal static class WholeAnswerFaults
{
    /// <summary>An error answer: the error and the <c>retry-after</c> seconds to send with it, if any.</summary>
    public delegate Task ErrorWriter(WireError error, int? retryAfterSeconds);

    /// <summary>
    /// Selects the fault for one call of <paramref name="apiName"/> and applies it; true when the call was answered (or
    /// aborted) by it, false when the caller goes on to answer — after the scenario's delay.
    /// </summary>
    public static async Task<bool> ApplyAsync(HttpContext context, SimulatorRuntime runtime, SimulatorApi api, string apiName, string model, ErrorWriter writeError)
    {
        var anthropic = api == SimulatorApi.AnthropicMessages;
        runtime.Stats.RecordModel(model, stream: false);
        var path = context.Request.Path.Value ?? string.Empty;
        var fault = runtime.State.Select(anthropic ? "anthropic" : "openai", apiName, model, path, stream: false, runtime.Time.GetUtcNow(), runtime.Seed);
        if (fault is not null)
        {
            runtime.Stats.RecordFault(fault.Kind);
        }

        switch (fault?.Kind)
        {
            case FaultKind.Reset or FaultKind.Cut:
                context.Abort();
                return true;
            case FaultKind.Status:
                await writeError(FaultErrors.For(api, fault, model), fault.RetryAfterSeconds);
                return true;
            case FaultKind.ErrorEvent:
                await writeError(anthropic
                    ? new WireError(529, fault.ErrorType ?? "overloaded_error", fault.Message ?? "Overloaded")
                    : new WireError(500, fault.ErrorType ?? "server_error", fault.Message ?? "The server had an error while processing your request. Sorry about that!"), null);
                return true;
        }

        // Nothing is generated: the scenario's first-token latency (plus a stall) is the whole delay.
        var pacer = new Pacer(runtime.Time, TimeSpan.FromMilliseconds(runtime.State.Scenario.Latency.FirstTokenMs), 0);
        await (fault?.Kind == FaultKind.Stall ? pacer.StallAsync(TimeSpan.FromSeconds(fault.Seconds), context.RequestAborted) : pacer.WaitAsync(0, context.RequestAborted));
        return false;
    }
}
