using System.Buffers;
using System.Text;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic.Tests.Support;

/// <summary>Drives a decoder over a list of SSE events and sums up what came out.</summary>
internal sealed class StreamRun
{
    public List<StreamEvent> Events { get; } = [];

    public List<DecodeDisposition> Dispositions { get; } = [];

    public bool Terminated { get; private set; }

    public static StreamRun Decode(IEnumerable<(string? EventType, byte[] Data)> sse)
    {
        var run = new StreamRun();
        var decoder = AnthropicMessagesCodec.Instance.CreateStreamDecoder();
        foreach (var (eventType, data) in sse)
        {
            run.Dispositions.Add(decoder.Decode(eventType, data, run.Events));
        }

        run.Terminated = decoder.IsTerminated;
        decoder.Complete(run.Events);
        return run;
    }

    public static StreamRun DecodeFixture(string relative) => Decode(Fixtures.Events(relative));

    public static StreamRun DecodeSse(string sse) => Decode(Fixtures.ParseSse(Encoding.UTF8.GetBytes(sse)));

    public static byte[] Encode(IEnumerable<StreamEvent> events, ChatRequest? request = null)
    {
        var encoder = AnthropicMessagesCodec.Instance.CreateStreamEncoder(request ?? new ChatRequest { Model = "claude-test", Messages = [] });
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var e in events)
        {
            encoder.Encode(e, buffer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public string Text => string.Concat(Events.OfType<TextDeltaEvent>().Select(e => e.Text));

    public string Thinking => string.Concat(Events.OfType<ThinkingDeltaEvent>().Select(e => e.Text));

    public string Arguments(int index) =>
        string.Concat(Events.OfType<ToolCallArgumentsDeltaEvent>().Where(e => e.Index == index).Select(e => e.Fragment));

    public TokenUsage? FinalUsage => Events.OfType<UsageEvent>().LastOrDefault()?.Usage;

    public FinishEvent? Finish => Events.OfType<FinishEvent>().SingleOrDefault();
}
