using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.Hosting.Memory;

/// <summary>
/// The assistant turn a streamed answer delivered, rebuilt from its events in the delta log with the caller's own
/// stream decoder: text and tool calls, in order, exactly as the client received them (continuations included).
/// </summary>
internal static class StreamTranscript
{
    /// <summary>The streamed answer's content, or null when the stream is not in the log.</summary>
    public static async Task<IReadOnlyList<ContentPart>?> ReadAsync(IDeltaLog log, IWireCodec codec, string tenant, string streamId, CancellationToken cancellationToken)
    {
        await log.FlushAsync(cancellationToken);
        var decoder = codec.CreateStreamDecoder();
        var events = new List<StreamEvent>();
        var any = false;
        await foreach (var record in log.ReadAsync(streamId, tenant, -1, cancellationToken))
        {
            any = true;
            decoder.Decode(record.EventType, record.Data.Span, events);
        }

        return any ? Parts(events) : null;
    }

    private static List<ContentPart> Parts(List<StreamEvent> events)
    {
        var parts = new List<ContentPart>();
        var text = new System.Text.StringBuilder();
        var calls = new SortedDictionary<int, (string Id, string Name, System.Text.StringBuilder Arguments)>();
        foreach (var e in events)
        {
            switch (e)
            {
                case TextDeltaEvent delta:
                    text.Append(delta.Text);
                    break;
                case ToolCallStartEvent start:
                    calls[start.Index] = (start.Id, start.Name, new System.Text.StringBuilder());
                    break;
                case ToolCallArgumentsDeltaEvent arguments when calls.TryGetValue(arguments.Index, out var call):
                    call.Arguments.Append(arguments.Fragment);
                    break;
            }
        }

        if (text.Length > 0)
        {
            parts.Add(new TextPart(text.ToString()));
        }

        parts.AddRange(calls.Values.Select(c => new ToolCallPart(c.Id, c.Name, c.Arguments.Length == 0 ? "{}" : c.Arguments.ToString())));
        return parts;
    }
}
