using System.Text.Json;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Wire;

/// <summary>
/// Renders one Responses API response (PROTOCOLS §2.2): the <c>response</c> object and its output items, with the
/// field set and order of recorded OpenAI traffic. Immutable; the changing state comes in as a <see cref="ResponseView"/>.
/// </summary>
internal sealed partial class ResponsesWriter
{
    private readonly ResponsesRequest _request;

    public ResponsesWriter(string id, long createdAt, ResponsesRequest request, ResponsePlan plan)
    {
        Id = id;
        CreatedAt = createdAt;
        _request = request;
        Plan = plan;
        MessageId = plan.IsToolCall ? null : Ids.ResponsesItemId("msg_");
        CallItemIds = [.. plan.ToolCalls.Select(_ => Ids.ResponsesItemId("fc_"))];
    }

    public string Id { get; }

    public long CreatedAt { get; }

    public ResponsePlan Plan { get; }

    public string? MessageId { get; }

    public IReadOnlyList<string> CallItemIds { get; }

    /// <summary>Status of a finished generation: <c>incomplete</c> when cut at <c>max_output_tokens</c>.</summary>
    public string FinalStatus => Plan.Truncated ? "incomplete" : "completed";

    private string ItemStatus => Plan.Truncated ? "incomplete" : "completed";

    public byte[] Body(ResponseView view) => JsonBytes.Write(w => WriteResponse(w, view));

    public void WriteResponse(Utf8JsonWriter w, ResponseView view)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", CreatedAt);
        w.WriteString("status", view.Status);
        w.WriteBoolean("background", _request.Background);
        WriteNullable(w, "completed_at", view.CompletedAt);
        if (view.ErrorCode is not null)
        {
            w.WriteStartObject("error");
            w.WriteString("code", view.ErrorCode);
            w.WriteString("message", view.ErrorMessage);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("error");
        }

        if (view.Status == "incomplete")
        {
            w.WriteStartObject("incomplete_details");
            w.WriteString("reason", "max_output_tokens");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("incomplete_details");
        }

        WriteNullable(w, "instructions", _request.Instructions);
        WriteNullable(w, "max_output_tokens", _request.MaxOutputTokens);
        w.WriteNull("max_tool_calls");
        w.WriteString("model", _request.Sim.Model);
        w.WriteStartArray("output");
        if (view.HasOutput)
        {
            WriteOutput(w);
        }

        w.WriteEndArray();
        w.WriteBoolean("parallel_tool_calls", _request.Sim.ParallelToolCalls);
        WriteNullable(w, "previous_response_id", _request.PreviousResponseId);
        w.WriteNull("prompt_cache_key");
        w.WriteNull("prompt_cache_retention");
        w.WriteStartObject("reasoning");
        w.WriteNull("effort");
        w.WriteNull("summary");
        w.WriteEndObject();
        w.WriteNull("safety_identifier");
        w.WriteString("service_tier", view.HasOutput ? "default" : "auto");
        w.WriteBoolean("store", _request.Store);
        w.WritePropertyName("temperature");
        w.WriteRawValue(_request.TemperatureJson);
        w.WritePropertyName("text");
        w.WriteRawValue(_request.TextJson);
        w.WritePropertyName("tool_choice");
        w.WriteRawValue(_request.ToolChoiceJson);
        w.WritePropertyName("tools");
        w.WriteRawValue(_request.ToolsJson);
        w.WriteNumber("top_logprobs", 0);
        w.WritePropertyName("top_p");
        w.WriteRawValue(_request.TopPJson);
        w.WriteString("truncation", "disabled");
        if (view.HasOutput)
        {
            WriteUsage(w);
        }
        else
        {
            w.WriteNull("usage");
        }

        WriteNullable(w, "user", _request.User);
        w.WritePropertyName("metadata");
        w.WriteRawValue(_request.MetadataJson);
        w.WriteEndObject();
    }

    private void WriteOutput(Utf8JsonWriter w)
    {
        if (MessageId is not null)
        {
            WriteMessageItem(w, ItemStatus, Plan.Text);
        }

        for (var i = 0; i < Plan.ToolCalls.Count; i++)
        {
            WriteCallItem(w, i, "completed", Plan.ToolCalls[i].Arguments);
        }
    }

    /// <summary>The output as input items, for a later request's <c>previous_response_id</c>.</summary>
    public IEnumerable<string> OutputAsInputItems()
    {
        if (MessageId is not null)
        {
            yield return JsonBytes.Text(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "message");
                w.WriteString("role", "assistant");
                w.WriteStartArray("content");
                w.WriteStartObject();
                w.WriteString("type", "output_text");
                w.WriteString("text", Plan.Text);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        foreach (var call in Plan.ToolCalls)
        {
            yield return JsonBytes.Text(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "function_call");
                w.WriteString("call_id", call.Id);
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.Arguments);
                w.WriteEndObject();
            });
        }
    }

    private void WriteMessageItem(Utf8JsonWriter w, string status, string? text)
    {
        w.WriteStartObject();
        w.WriteString("id", MessageId);
        w.WriteString("type", "message");
        w.WriteString("status", status);
        w.WriteStartArray("content");
        if (text is not null)
        {
            WriteTextPart(w, text);
        }

        w.WriteEndArray();
        w.WriteString("role", "assistant");
        w.WriteEndObject();
    }

    private static void WriteTextPart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteStartArray("logprobs");
        w.WriteEndArray();
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private void WriteCallItem(Utf8JsonWriter w, int index, string status, string arguments)
    {
        var call = Plan.ToolCalls[index];
        w.WriteStartObject();
        w.WriteString("id", CallItemIds[index]);
        w.WriteString("type", "function_call");
        w.WriteString("status", status);
        w.WriteString("arguments", arguments);
        w.WriteString("call_id", call.Id);
        w.WriteString("name", call.Name);
        w.WriteEndObject();
    }

    private void WriteUsage(Utf8JsonWriter w)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", Plan.PromptTokens);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("cached_tokens", Plan.Cache.ReadTokens);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", Plan.CompletionTokens);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("total_tokens", Plan.PromptTokens + Plan.CompletionTokens);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
