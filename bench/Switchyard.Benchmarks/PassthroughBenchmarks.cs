using BenchmarkDotNet.Attributes;
using System.Buffers;
using System.Net.ServerSentEvents;
using Switchyard.Providers;

namespace Switchyard.Benchmarks;

/// <summary>
/// The same-format streaming path per upstream event, each step alone and all together (see <see cref="PassthroughPath"/>).
/// Every method runs one whole stream with a fresh decoder, so per-stream setup is spread over its events as in the
/// gateway. The derived classes fix the stream and its event count (<c>OperationsPerInvoke</c> must be a constant).
/// </summary>
public abstract class PassthroughBenchmarks : IDisposable
{
    private RecordedStream _stream = null!;
    private ReadOnlyMemory<byte>[] _frames = [];
    private RecordedStream _long = null!;
    private PassthroughPath _path = null!;

    protected abstract IWireCodec Codec { get; }

    protected abstract bool NamedEvents { get; }

    private protected abstract RecordedStream Load();

    /// <summary>The long stream: <see cref="Load"/>'s with its content deltas eight times (<see cref="RecordedStream.Repeat"/>).</summary>
    private protected abstract RecordedStream LoadLong(RecordedStream stream);

    protected void SetupPath()
    {
        _stream = Load();
        _long = LoadLong(_stream);
        _path = new PassthroughPath(Codec, NamedEvents);
        _frames = _stream.Items.Select(item =>
        {
            var frame = new ArrayBufferWriter<byte>();
            SseFrame.Write(frame, NamedEvents ? item.EventType : null, item.Data);
            return (ReadOnlyMemory<byte>)frame.WrittenMemory.ToArray();
        }).ToArray();
        Console.WriteLine($"// inputs: {Inputs.Source}");
    }

    /// <summary>Returns the path's pooled buffers.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _path?.Dispose();
        }
    }

    protected int DecodeStream()
    {
        _path.Reset();
        var forwarded = 0;
        foreach (var item in _stream.Items)
        {
            forwarded += _path.Decode(item) == DecodeDisposition.Forward ? 1 : 0;
        }

        return forwarded;
    }

    /// <summary>The untrusted-text check every decoder now runs on an event before parsing it (<see cref="JsonTextCheck"/>).</summary>
    protected int CheckTextOfStream()
    {
        var clean = 0;
        foreach (var item in _stream.Items)
        {
            clean += JsonTextCheck.FindProblem(item.Data) is null ? 1 : 0;
        }

        return clean;
    }

    protected int ObserveStream()
    {
        _path.Reset(observe: true);
        var forwarded = 0;
        foreach (var item in _stream.Items)
        {
            forwarded += _path.Observe(item.EventType, item.Data) == DecodeDisposition.Forward ? 1 : 0;
        }

        return forwarded;
    }

    protected int WriteFrames()
    {
        foreach (var item in _stream.Items)
        {
            _path.WriteFrame(item);
            _path.ClearStaged();
        }

        return _stream.Items.Length;
    }

    protected int PublishFrames(bool logged)
    {
        _path.Reset();
        var published = 0;
        foreach (var frame in _frames)
        {
            published += _path.Publish(frame, logged);
        }

        return published;
    }

    protected int PassStream(bool logged)
    {
        _path.Reset(observe: true);
        var published = 0;
        foreach (var item in _stream.Items)
        {
            published += _path.PassObserved(item.EventType, item.Data, logged);
        }

        return published;
    }

    /// <summary>
    /// From upstream bytes as the gateway reads them now: <see cref="SseEventReader"/>, pooled buffers, and the event
    /// observed (<paramref name="observe"/>) or, as before step 4, decoded to canonical events.
    /// </summary>
    protected async Task<int> PassStreamFromBytesAsync(bool observe, bool longStream = false)
    {
        _path.Reset(observe);
        using var body = new MemoryStream((longStream ? _long : _stream).Body, writable: false);
        await using var reader = new SseEventReader(body, CancellationToken.None);
        var published = 0;
        while (await reader.MoveNextAsync())
        {
            published += observe
                ? _path.PassObserved(reader.EventType, reader.Data.Span, logged: true)
                : _path.Pass(reader.EventType, reader.Data.Span, logged: true);
        }

        return published;
    }

    /// <summary>From upstream bytes as the gateway read them before: <see cref="SseParser"/>, a new array per event.</summary>
    protected async Task<int> PassStreamFromBytesSseParserAsync()
    {
        _path.Reset();
        using var body = new MemoryStream(_stream.Body, writable: false);
        var parser = SseParser.Create(body, static (_, data) => data.ToArray());
        var published = 0;
        await foreach (var item in parser.EnumerateAsync(CancellationToken.None))
        {
            published += _path.Pass(item, logged: true);
        }

        return published;
    }
}
