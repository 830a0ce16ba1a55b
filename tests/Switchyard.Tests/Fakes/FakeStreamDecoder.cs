using System.Text;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Tests.Fakes;

/// <summary>
/// Decodes the toy stream format: <c>start</c>, <c>text:&lt;t&gt;</c>, <c>finish</c>, <c>usage:&lt;in&gt;,&lt;out&gt;</c>,
/// <c>finish+usage:&lt;in&gt;,&lt;out&gt;</c>, <c>end</c>, <c>error</c>, <c>ping</c> (keep-alive) and <c>dup</c> (dropped).
/// </summary>
internal sealed class FakeStreamDecoder : IStreamDecoder
{
    public bool IsTerminated { get; private set; }

    public DecodeDisposition Decode(string? eventType, ReadOnlySpan<byte> data, IList<StreamEvent> output)
    {
        var text = Encoding.UTF8.GetString(data);
        switch (text)
        {
            case "start":
                output.Add(new MessageStartEvent("msg_1", "served-model"));
                return DecodeDisposition.Forward;
            case "finish":
                output.Add(new FinishEvent(FinishReason.Stop));
                return DecodeDisposition.Forward;
            case "end":
                IsTerminated = true;
                output.Add(StreamEndEvent.Instance);
                return DecodeDisposition.Forward;
            case "error":
                IsTerminated = true;
                output.Add(new StreamErrorEvent(new Failure(FailureKind.Overloaded, "upstream overloaded")));
                return DecodeDisposition.Forward;
            case "ping":
                return DecodeDisposition.KeepAlive;
            case "dup":
                output.Add(new MessageStartEvent("msg_dup", "served-model"));
                return DecodeDisposition.Drop;
            default:
                if (text.StartsWith("text:", StringComparison.Ordinal))
                {
                    output.Add(new TextDeltaEvent(text["text:".Length..]));
                }
                else if (text.StartsWith("usage:", StringComparison.Ordinal))
                {
                    output.Add(new UsageEvent(ParseUsage(text["usage:".Length..])));
                }
                else if (text.StartsWith("finish+usage:", StringComparison.Ordinal))
                {
                    output.Add(new FinishEvent(FinishReason.Stop));
                    output.Add(new UsageEvent(ParseUsage(text["finish+usage:".Length..])));
                }

                return DecodeDisposition.Forward;
        }
    }

    public void Complete(IList<StreamEvent> output)
    {
        if (!IsTerminated)
        {
            IsTerminated = true;
            output.Add(new StreamErrorEvent(new Failure(FailureKind.StreamBroken, "ended without a terminal event")));
        }
    }

    private static TokenUsage ParseUsage(string value)
    {
        var parts = value.Split(',');
        return new TokenUsage(int.Parse(parts[0]), int.Parse(parts[1]));
    }
}
