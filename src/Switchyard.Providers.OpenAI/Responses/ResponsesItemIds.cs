namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Output item ids derived from the response id and the item's output index, so that one response always serialises
/// identically and a stream's items carry the same ids as its final response object.
/// </summary>
internal static class ResponsesItemIds
{
    private const string ResponsePrefix = "resp_";

    public static string Message(string responseId, int outputIndex) => Make("msg_", responseId, outputIndex);

    public static string FunctionCall(string responseId, int outputIndex) => Make("fc_", responseId, outputIndex);

    public static string Reasoning(string responseId, int outputIndex) => Make("rs_", responseId, outputIndex);

    private static string Make(string prefix, string responseId, int outputIndex)
    {
        var stem = responseId.StartsWith(ResponsePrefix, StringComparison.Ordinal) ? responseId[ResponsePrefix.Length..] : responseId;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{stem}_{outputIndex}");
    }
}
