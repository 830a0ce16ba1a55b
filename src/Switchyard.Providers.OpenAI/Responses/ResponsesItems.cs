namespace Switchyard.Providers.OpenAI;

/// <summary>One <c>output[]</c> item of a Responses response, as the gateway writes it.</summary>
internal abstract record ResponsesItem(string Id);

/// <summary>An assistant <c>message</c> item: <c>output_text</c> and/or <c>refusal</c> content.</summary>
internal sealed record ResponsesMessageItem(string Id, string? Text, string? Refusal) : ResponsesItem(Id);

/// <summary>A <c>function_call</c> item.</summary>
internal sealed record ResponsesFunctionCallItem(string Id, string CallId, string Name, string Arguments) : ResponsesItem(Id);

/// <summary>A <c>reasoning</c> item with one summary text.</summary>
internal sealed record ResponsesReasoningItem(string Id, string Summary) : ResponsesItem(Id);

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
