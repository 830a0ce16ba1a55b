using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Switchyard.Failures;
using Switchyard.Gateway;

namespace Switchyard.Tests.Fakes;

/// <summary>A response sink that records every call in order and keeps what was flushed to the stream.</summary>
internal sealed class RecordingSink : IChatResponseSink
{
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0));
    private readonly StringBuilder _flushed = new();

    /// <summary>The calls in order: <c>SendResponse</c>, <c>SendFailure</c>, <c>StartStream</c>, <c>AbortStream</c>.</summary>
    public List<string> Calls { get; } = [];

    public ReadOnlyMemory<byte>? ResponseBody { get; private set; }

    /// <summary>Cancel it to act as a caller that disconnected.</summary>
    public CancellationTokenSource Gone { get; } = new();

    public CancellationToken ClientGone => Gone.Token;

    public Failure? SentFailure { get; private set; }

    public ServedBy? ServedBy { get; private set; }

    /// <summary>What the engine had flushed to the stream when it aborted it.</summary>
    public string? StreamedBeforeAbort { get; private set; }

    public Task SendResponseAsync(ReadOnlyMemory<byte> body, ServedBy servedBy, CancellationToken cancellationToken)
    {
        Calls.Add("SendResponse");
        ResponseBody = body;
        ServedBy = servedBy;
        return Task.CompletedTask;
    }

    public Task SendFailureAsync(Failure failure, ServedBy? servedBy, CancellationToken cancellationToken)
    {
        Calls.Add("SendFailure");
        SentFailure = failure;
        ServedBy = servedBy;
        return Task.CompletedTask;
    }

    public PipeWriter StartStream(ServedBy servedBy)
    {
        Calls.Add("StartStream");
        ServedBy = servedBy;
        return _pipe.Writer;
    }

    public Task AbortStreamAsync()
    {
        Calls.Add("AbortStream");
        StreamedBeforeAbort = DrainFlushed();
        return Task.CompletedTask;
    }

    /// <summary>Everything flushed to the stream so far (only what the engine flushed is visible to the reader).</summary>
    public string Streamed() => DrainFlushed();

    private string DrainFlushed()
    {
        while (_pipe.Reader.TryRead(out var result))
        {
            _flushed.Append(Encoding.UTF8.GetString(result.Buffer.ToArray()));
            _pipe.Reader.AdvanceTo(result.Buffer.End);
            if (result.Buffer.IsEmpty)
            {
                break;
            }
        }

        return _flushed.ToString();
    }
}
