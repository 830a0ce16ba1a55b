using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>
/// Edits a few top-level fields of a same-format request body in place (model name, forced usage reporting) by
/// splicing bytes, so that passthrough never re-serializes the body: unknown fields, key order, number formatting
/// and whitespace reach the provider exactly as the client sent them. Only a value that must change is rewritten
/// (the model string; an existing <c>stream_options</c> object that lacks <c>include_usage: true</c>). Written by hand because System.Text.Json
/// has no byte-preserving patch; the spliced ranges come from <see cref="Utf8JsonReader"/> token positions.
/// </summary>
public static class RequestBodyEditor
{

    /// <summary>
    /// Returns <paramref name="body"/> with the top-level <c>model</c> value replaced by <paramref name="model"/> (when
    /// non-null and different) and, when <paramref name="forceIncludeUsage"/>, <c>stream_options.include_usage</c> set to true.
    /// When <paramref name="maxOutputTokens"/> is set, every output-token limit present (<c>max_tokens</c>,
    /// <c>max_completion_tokens</c>) takes that value, and <c>max_completion_tokens</c> is added when there is none;
    /// an Anthropic thinking budget the lower limit would no longer exceed comes down with it (see <see cref="FitThinking"/>).
    /// The body must already have been validated as a JSON object.
    /// </summary>
    public static ReadOnlyMemory<byte> Edit(ReadOnlyMemory<byte> body, string? model, bool forceIncludeUsage, int? maxOutputTokens = null)
    {
        var layout = Scan(body.Span);
        var edits = new List<(int Start, int End, byte[] Replacement)>(2);
        var inserts = new List<string>(2);
        if (maxOutputTokens is { } max)
        {
            var value = Encoding.UTF8.GetBytes(max.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var range in layout.MaxTokenValues)
            {
                edits.Add((range.Start, range.End, value));
            }

            if (layout.MaxTokenValues.Count == 0)
            {
                inserts.Add($"\"max_completion_tokens\":{max}");
            }

            if (layout.ThinkingValue is { } thinking && FitThinking(body.Span[thinking.Start..thinking.End], max) is { } fitted)
            {
                edits.Add((thinking.Start, thinking.End, fitted));
            }
        }

        if (model is not null && layout.ModelValue is { } mv && !ValueEquals(body.Span[mv.Start..mv.End], model))
        {
            edits.Add((mv.Start, mv.End, JsonSerializer.SerializeToUtf8Bytes(model)));
        }

        if (forceIncludeUsage)
        {
            if (layout.StreamOptionsValue is not { } so)
            {
                inserts.Add("\"stream_options\":{\"include_usage\":true}");
            }
            else if (!IncludesUsage(body.Span[so.Start..so.End]))
            {
                var options = JsonNode.Parse(body.Span[so.Start..so.End]) as JsonObject ?? [];
                if (options["include_usage"]?.GetValueKind() != JsonValueKind.True)
                {
                    options["include_usage"] = true;
                    edits.Add((so.Start, so.End, Encoding.UTF8.GetBytes(options.ToJsonString())));
                }
            }
        }

        if (inserts.Count > 0)
        {
            // New properties go first in the object, as one insertion so that commas stay right.
            var fragment = string.Join(",", inserts) + (layout.HasProperties ? "," : "");
            edits.Add((layout.ObjectStart + 1, layout.ObjectStart + 1, Encoding.UTF8.GetBytes(fragment)));
        }

        return edits.Count == 0 ? body : Apply(body.Span, edits);
    }

    /// <summary>
    /// Anthropic refuses a thinking budget that is not below <c>max_tokens</c>. When a lowered limit would leave the
    /// client's budget there, the budget comes down to three quarters of the limit (so the answer keeps room, as for a
    /// translated effort), or thinking is turned off when that is under the API's minimum of 1,024 tokens. Null when the
    /// budget already fits (or there is none to fit).
    /// </summary>
    private static byte[]? FitThinking(ReadOnlySpan<byte> thinkingJson, int maxOutputTokens)
    {
        if (JsonNode.Parse(thinkingJson) is not JsonObject thinking
            || thinking["type"]?.GetValueKind() != JsonValueKind.String || (string?)thinking["type"] != "enabled"
            || thinking["budget_tokens"]?.GetValueKind() != JsonValueKind.Number
            || thinking["budget_tokens"]!.GetValue<double>() < maxOutputTokens)
        {
            return null;
        }

        return ReasoningRequest.BudgetRoomUnder(maxOutputTokens) is { } budget
            ? Encoding.UTF8.GetBytes($"{{\"type\":\"enabled\",\"budget_tokens\":{budget}}}")
            : "{\"type\":\"disabled\"}"u8.ToArray();
    }

    private static ReadOnlyMemory<byte> Apply(ReadOnlySpan<byte> body, List<(int Start, int End, byte[] Replacement)> edits)
    {
        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var output = new ArrayBufferWriter<byte>(body.Length + 64);
        var cursor = 0;
        foreach (var (start, end, replacement) in edits)
        {
            output.Write(body[cursor..start]);
            output.Write(replacement);
            cursor = end;
        }

        output.Write(body[cursor..]);
        return output.WrittenMemory;
    }

    // Most streaming clients already ask for usage. Seeing that with a reader spares building a JSON tree per stream;
    // anything else (usage missing or false, a repeated key, not an object) takes the tree path, which rewrites it.
    private static bool IncludesUsage(ReadOnlySpan<byte> streamOptions)
    {
        var reader = new Utf8JsonReader(streamOptions, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isIncludeUsage)
            {
                if (found || reader.TokenType != JsonTokenType.True)
                {
                    return false;
                }

                found = true;
            }

            reader.Skip();
        }

        return found;
    }

    private static bool ValueEquals(ReadOnlySpan<byte> jsonValue, string value)
    {
        var reader = new Utf8JsonReader(jsonValue);
        return reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(value);
    }

    private static Layout Scan(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ArgumentException("The body is not a JSON object.", nameof(body));
        }

        var layout = new Layout { ObjectStart = (int)reader.TokenStartIndex };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            layout.HasProperties = true;
            var isModel = reader.ValueTextEquals("model"u8);
            var isStreamOptions = reader.ValueTextEquals("stream_options"u8);
            var isMaxTokens = reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8);
            var isThinking = reader.ValueTextEquals("thinking"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var range = (start, (int)reader.BytesConsumed);
            if (isModel)
            {
                layout.ModelValue = range;
            }
            else if (isStreamOptions)
            {
                layout.StreamOptionsValue = range;
            }
            else if (isMaxTokens)
            {
                layout.MaxTokenValues.Add(range);
            }
            else if (isThinking)
            {
                layout.ThinkingValue = range;
            }
        }

        return layout;
    }

    private sealed class Layout
    {
        public int ObjectStart { get; init; }

        public bool HasProperties { get; set; }

        public (int Start, int End)? ModelValue { get; set; }

        public (int Start, int End)? StreamOptionsValue { get; set; }

        public List<(int Start, int End)> MaxTokenValues { get; } = [];

        public (int Start, int End)? ThinkingValue { get; set; }
    }
}
