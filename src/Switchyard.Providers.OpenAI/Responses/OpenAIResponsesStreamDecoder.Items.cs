using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

public sealed partial class OpenAIResponsesStreamDecoder
{
    private DecodeDisposition ItemAdded(JsonElement root, IList<StreamEvent> output)
    {
        if (JsonRead.Object(root, "item") is { } item && JsonRead.String(item, "type") == "function_call")
        {
            StartToolCall(item, JsonRead.Int64(root, "output_index"), output);
        }

        return DecodeDisposition.Forward;
    }

    /// <summary>A function call whose <c>output_item.added</c> we never saw (or whose arguments never streamed) completes here.</summary>
    private DecodeDisposition ItemDone(JsonElement root, IList<StreamEvent> output)
    {
        if (JsonRead.Object(root, "item") is not { } item || JsonRead.String(item, "type") != "function_call")
        {
            return DecodeDisposition.Forward;
        }

        var index = FindToolIndex(JsonRead.String(item, "id"), JsonRead.Int64(root, "output_index"))
            ?? StartToolCall(item, JsonRead.Int64(root, "output_index"), output);
        if (!_toolsWithArguments.Contains(index) && JsonRead.String(item, "arguments") is { Length: > 0 } arguments)
        {
            _toolsWithArguments.Add(index);
            output.Add(new ToolCallArgumentsDeltaEvent(index, arguments));
        }

        return DecodeDisposition.Forward;
    }

    private int StartToolCall(JsonElement item, long? outputIndex, IList<StreamEvent> output)
    {
        EnsureStarted(output);
        var index = _toolIndexByOutput.Count;
        if (JsonRead.String(item, "id") is { } itemId)
        {
            _toolIndexByItem[itemId] = index;
        }

        _toolIndexByOutput[outputIndex ?? -1 - index] = index;
        output.Add(new ToolCallStartEvent(index, JsonRead.String(item, "call_id") ?? string.Empty, JsonRead.String(item, "name") ?? string.Empty));
        if (JsonRead.String(item, "arguments") is { Length: > 0 } arguments)
        {
            _toolsWithArguments.Add(index);
            output.Add(new ToolCallArgumentsDeltaEvent(index, arguments));
        }

        return index;
    }

    private DecodeDisposition ArgumentsDelta(JsonElement root, IList<StreamEvent> output)
    {
        var index = FindToolIndex(JsonRead.String(root, "item_id"), JsonRead.Int64(root, "output_index"));
        if (index is { } i && JsonRead.String(root, "delta") is { Length: > 0 } delta)
        {
            _toolsWithArguments.Add(i);
            output.Add(new ToolCallArgumentsDeltaEvent(i, delta));
        }

        return DecodeDisposition.Forward;
    }

    private int? FindToolIndex(string? itemId, long? outputIndex) =>
        itemId is not null && _toolIndexByItem.TryGetValue(itemId, out var byItem) ? byItem
        : outputIndex is { } o && _toolIndexByOutput.TryGetValue(o, out var byOutput) ? byOutput
        : null;

    private DecodeDisposition Finish(JsonElement root, IList<StreamEvent> output)
    {
        EnsureStarted(output);
        IsTerminated = true;
        var response = JsonRead.Object(root, "response") ?? default;
        output.Add(new FinishEvent(ResponsesStatus.Read(response, sawFunctionCall: _toolIndexByOutput.Count > 0)));
        if (response.ValueKind == JsonValueKind.Object && ResponsesUsage.Read(response) is { } usage)
        {
            output.Add(new UsageEvent(usage));
        }

        output.Add(StreamEndEvent.Instance);
        return DecodeDisposition.Forward;
    }

    private DecodeDisposition Failed(JsonElement root, IList<StreamEvent> output)
    {
        IsTerminated = true;
        var error = JsonRead.Object(root, "response") is { } response ? JsonRead.Object(response, "error") : null;
        var failure = error is { } e
            ? OpenAIErrorClassifier.ClassifyResponseError(e)
            : new Failure(FailureKind.ServerError, "OpenAI reported the response as failed without an error.") { Provider = "openai" };
        output.Add(new StreamErrorEvent(failure));
        return DecodeDisposition.Forward;
    }

    /// <summary>
    /// The <c>error</c> event, in both shapes: observed traffic nests <c>{type, code, message, param}</c> under
    /// <c>error</c>; the spec puts <c>code</c>, <c>message</c> and <c>param</c> at the top level.
    /// </summary>
    private DecodeDisposition Error(JsonElement root, IList<StreamEvent> output)
    {
        IsTerminated = true;
        _afterError = true;
        var failure = JsonRead.Object(root, "error") is { } nested
            ? OpenAIErrorClassifier.Classify(null, nested, null)
            : FlatError(root);
        output.Add(new StreamErrorEvent(failure));
        return DecodeDisposition.Forward;
    }

    private static Failure FlatError(JsonElement root)
    {
        // The flat shape's "type" is the event's own ("error"), so only the code and message classify it.
        var failure = OpenAIErrorClassifier.ClassifyResponseError(root);
        return failure.ProviderErrorType == "error" ? failure with { ProviderErrorType = null } : failure;
    }
}
