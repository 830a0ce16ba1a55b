namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Item ids derived from the response id and the item's output (or input) index, so that one response always serialises
/// identically, a stream's items carry the same ids as its final response object, and a stored response's input items
/// keep their ids from one listing to the next.
/// </summary>
internal static class ResponsesItemIds
{
    private const string ResponsePrefix = "resp_";

    public static string Message(string responseId, int outputIndex) => Make("msg_", responseId, outputIndex);

    public static string FunctionCall(string responseId, int outputIndex) => Make("fc_", responseId, outputIndex);

    public static string Reasoning(string responseId, int outputIndex) => Make("rs_", responseId, outputIndex);

    /// <summary>
    /// The id of the request's input item at <paramref name="inputIndex"/> (<c>msg_</c>, <c>fc_</c> or
    /// <c>fco_</c> by <paramref name="prefix"/>): <c>in</c> before the index keeps it apart from every output id.
    /// </summary>
    public static string Input(string prefix, string responseId, int inputIndex) => Make(prefix, responseId, "in", inputIndex);

    private static string Make(string prefix, string responseId, int outputIndex) => Make(prefix, responseId, string.Empty, outputIndex);

    private static string Make(string prefix, string responseId, string marker, int index)
    {
        var stem = responseId.StartsWith(ResponsePrefix, StringComparison.Ordinal) ? responseId[ResponsePrefix.Length..] : responseId;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{stem}_{marker}{index}");
    }
}
