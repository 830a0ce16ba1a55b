using System.Buffers;
using System.Text;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Tests.Fakes;

/// <summary>Encodes canonical events as <c>data: enc:&lt;what&gt;</c> frames, so translated output is recognizable.</summary>
internal sealed class FakeStreamEncoder : IStreamEncoder
{
    public void Encode(StreamEvent streamEvent, IBufferWriter<byte> output)
    {
        var what = streamEvent switch
        {
            MessageStartEvent start => $"start:{start.Model}",
            TextDeltaEvent text => $"text:{text.Text}",
            FinishEvent finish => $"finish:{finish.Reason}",
            UsageEvent usage => $"usage:{usage.Usage.InputTokens},{usage.Usage.OutputTokens}",
            StreamEndEvent => "end",
            StreamErrorEvent error => $"error:{error.Failure.Kind}",
            _ => streamEvent.GetType().Name,
        };
        SseFrame.Write(output, null, Encoding.UTF8.GetBytes("enc:" + what));
    }
}
