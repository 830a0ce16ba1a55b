using BenchmarkDotNet.Attributes;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;

namespace Switchyard.Benchmarks;

/// <summary>Anthropic Messages stream to an Anthropic caller (<c>event:</c> lines kept), per upstream event.</summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class AnthropicPassthroughBenchmarks : PassthroughBenchmarks
{
    protected override IWireCodec Codec => AnthropicMessagesCodec.Instance;

    protected override bool NamedEvents => true;

    private protected override RecordedStream Load() => RecordedStream.Load(Inputs.AnthropicStream(), Inputs.AnthropicEvents);

    private protected override RecordedStream LoadLong(RecordedStream stream) => stream.Repeat(20, 91, 8, NamedEvents, Inputs.AnthropicLongEvents);

    [GlobalSetup]
    public void Setup() => SetupPath();

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public int Decode() => DecodeStream();

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public int Observe() => ObserveStream();

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public int WriteFrame() => WriteFrames();

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public int Publish_Unlogged() => PublishFrames(logged: false);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public int Publish_Logged() => PublishFrames(logged: true);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public int Path_Unlogged() => PassStream(logged: false);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public int Path_Logged() => PassStream(logged: true);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public Task<int> Path_Logged_FromBytes() => PassStreamFromBytesAsync(observe: true);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public Task<int> Path_Logged_FromBytes_Decode() => PassStreamFromBytesAsync(observe: false);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicLongEvents)]
    public Task<int> Path_Logged_FromBytes_Long() => PassStreamFromBytesAsync(observe: true, longStream: true);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicLongEvents)]
    public Task<int> Path_Logged_FromBytes_Decode_Long() => PassStreamFromBytesAsync(observe: false, longStream: true);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public Task<int> Path_Logged_FromBytes_SseParser() => PassStreamFromBytesSseParserAsync();
}
