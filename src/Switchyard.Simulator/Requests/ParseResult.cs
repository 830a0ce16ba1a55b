namespace Switchyard.Simulator.Requests;

/// <summary>Either a request or the error the real API would have answered with.</summary>
internal readonly record struct ParseResult(SimRequest? Request, WireError? Error)
{
    public static ParseResult Fail(WireError error) => new(null, error);

    public static ParseResult Ok(SimRequest request) => new(request, null);
}
