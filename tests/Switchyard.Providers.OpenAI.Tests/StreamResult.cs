using System.Buffers;
using System.Text;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>Runs data payloads through a decoder and folds the events into what a client would assemble.</summary>
internal sealed record StreamResult(List<StreamEvent> Events, List<DecodeDisposition> Dispositions)
{
    public string Text => string.Concat(Events.OfType<TextDeltaEvent>().Select(e => e.Text));

    public string Refusal => string.Concat(Events.OfType<RefusalDeltaEvent>().Select(e => e.Text));

    public MessageStartEvent? Start => Events.OfType<MessageStartEvent>().SingleOrDefault();

    public FinishReason? Finish => Events.OfType<FinishEvent>().SingleOrDefault()?.Reason;

    public TokenUsage? Usage => Events.OfType<UsageEvent>().LastOrDefault()?.Usage;

    public bool Ended => Events.LastOrDefault() is StreamEndEvent;

    public StreamErrorEvent? Error => Events.OfType<StreamErrorEvent>().SingleOrDefault();

    public List<(int Index, string Id, string Name, string Arguments)> ToolCalls =>
        Events.OfType<ToolCallStartEvent>()
            .Select(s => (s.Index, s.Id, s.Name, string.Concat(Events.OfType<ToolCallArgumentsDeltaEvent>().Where(d => d.Index == s.Index).Select(d => d.Fragment))))
            .ToList();

    public static StreamResult Decode(IEnumerable<string> payloads, bool complete = true)
    {
        var decoder = OpenAIChatCodec.Instance.CreateStreamDecoder();
        var events = new List<StreamEvent>();
        var dispositions = new List<DecodeDisposition>();
        foreach (var payload in payloads)
        {
            dispositions.Add(decoder.Decode("message", Encoding.UTF8.GetBytes(payload), events));
        }

        if (complete)
        {
            decoder.Complete(events);
        }

        return new StreamResult(events, dispositions);
    }

    /// <summary>Encodes events with the OpenAI encoder and returns the SSE text.</summary>
    public static string Encode(IEnumerable<StreamEvent> events, ChatRequest request, IWireCodec? codec = null)
    {
        var encoder = (codec ?? new OpenAIChatCodec(new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1700000000)))).CreateStreamEncoder(request);
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            encoder.Encode(e, buffer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
