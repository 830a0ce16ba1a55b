using System.Buffers;
using System.Text;
using Switchyard.Model;
using Switchyard.Testing;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

/// <summary>Runs Responses SSE events through the decoder or canonical events through the encoder.</summary>
internal static class ResponsesStream
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    public static OpenAIResponsesCodec Codec { get; } = new(new FixedClock(Now));

    public static StreamResult Decode(IEnumerable<(string EventType, byte[] Data)> events, bool complete = true) =>
        Decode(new OpenAIResponsesStreamDecoder(), events, complete);

    public static StreamResult Decode(OpenAIResponsesStreamDecoder decoder, IEnumerable<(string EventType, byte[] Data)> events, bool complete = true)
    {
        var output = new List<StreamEvent>();
        var dispositions = new List<DecodeDisposition>();
        foreach (var (type, data) in events)
        {
            dispositions.Add(decoder.Decode(type, data, output));
        }

        if (complete)
        {
            decoder.Complete(output);
        }

        return new StreamResult(output, dispositions);
    }

    public static (string EventType, byte[] Data) Event(string json) =>
        (System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("type").GetString()!, Encoding.UTF8.GetBytes(json));

    /// <summary>The streamed body of the http-record entry at <paramref name="index"/>.</summary>
    public static IReadOnlyList<(string EventType, byte[] Data)> HttpEntryStream(string fixture, int index) =>
        RecordedTraffic.ParseSse(Fixtures.ResponseBody(Fixtures.HttpEntries(fixture)[index]));

    /// <summary>Splits a json-lines file holding several consecutive streams at each <c>response.created</c>.</summary>
    public static List<List<(string EventType, byte[] Data)>> SplitStreams(IEnumerable<(string EventType, byte[] Data)> events)
    {
        var streams = new List<List<(string, byte[])>>();
        foreach (var e in events)
        {
            if (e.EventType == "response.created" || streams.Count == 0)
            {
                streams.Add([]);
            }

            streams[^1].Add(e);
        }

        return streams;
    }

    public static string Encode(IEnumerable<StreamEvent> events, ChatRequest request)
    {
        var encoder = Codec.CreateStreamEncoder(request);
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            encoder.Encode(e, buffer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ChatRequest Request(bool background = false) => new()
    {
        Model = "gpt-4o-mini",
        Messages = [ChatMessage.FromText(ChatRole.User, "hi")],
        Stream = true,
        IncludeUsage = true,
        Responses = new ResponsesControls(Background: background),
    };
}
