using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Hosting.Memory;
using Switchyard.Memory;

namespace Switchyard.AspNetCore.Memory;

/// <summary>
/// Checks what a request asks of memory before anything is routed: a session id that cannot name a session, or a
/// context budget that is not a number, is the caller's mistake and gets a 400 naming it. Served without memory
/// instead, an agent would silently lose its history on every turn.
/// </summary>
internal static class MemoryHeaders
{
    /// <summary>The smallest context budget a request may ask for (as <c>Memory:ContextBudgetTokens</c>).</summary>
    public const int MinBudgetTokens = 256;

    /// <summary>
/// Null when the request's session and budget are usable (or absent); else why not. A budget above the configured one
/// is usable: the assembly takes the lower of the two.
/// </summary>
    public static Failure? Check(HttpRequest request, string? session)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (session is not null && !SessionMemory.IsValid(session))
        {
            var param = request.Headers[SessionIds.Header].Count > 0 ? SessionIds.Header : "metadata.session_id";
            return new Failure(FailureKind.InvalidRequest, $"The session id in {param} must be 1–{MemorySessionKey.MaxLength} characters and not blank (was {session.Length}).") { Param = param };
        }

        var budget = request.Headers[MemoryStep.BudgetHeader].ToString();
        if (budget.Length > 0 && !(long.TryParse(budget, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens >= MinBudgetTokens))
        {
            return new Failure(FailureKind.InvalidRequest, $"Header {MemoryStep.BudgetHeader} must be a whole number of tokens, at least {MinBudgetTokens} (was '{Shorten(budget)}').") { Param = MemoryStep.BudgetHeader };
        }

        return null;
    }

    // A header value is echoed back in the error: bounded, so a huge header does not make a huge error.
    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
