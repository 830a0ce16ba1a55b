namespace Switchyard.Simulator.Wire;

/// <summary>
/// The changing part of a Responses <c>response</c> object at one moment.
/// </summary>
/// <param name="Status"><c>queued</c>, <c>in_progress</c>, <c>completed</c>, <c>incomplete</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="CompletedAt">Unix seconds when it finished, or null.</param>
/// <param name="ErrorCode">For <c>failed</c>: the error code, else null.</param>
/// <param name="ErrorMessage">For <c>failed</c>: the error message, else null.</param>
/// <param name="HasOutput">Whether <c>output</c> and <c>usage</c> are filled in (a finished generation).</param>
internal readonly record struct ResponseView(string Status, long? CompletedAt = null, string? ErrorCode = null, string? ErrorMessage = null, bool HasOutput = false)
{
    public bool IsTerminal => Status is not ("queued" or "in_progress");
}
