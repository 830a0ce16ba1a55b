using BenchmarkDotNet.Attributes;
using Switchyard.Providers;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Benchmarks;

/// <summary>OpenAI chat stream to an OpenAI chat caller (no <c>event:</c> lines), per upstream event.</summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class OpenAIChatPassthroughBenchmarks : PassthroughBenchmarks
{
    protected override IWireCodec Codec => OpenAIChatCodec.Instance;

    protected override bool NamedEvents => false;

    private protected override RecordedStream Load() => RecordedStream.Load(Inputs.OpenAIChatStream(), Inputs.OpenAIChatEvents);

    private protected override RecordedStream LoadLong(RecordedStream stream) => stream.Repeat(1, 10, 8, NamedEvents, Inputs.OpenAIChatLongEvents);

    [GlobalSetup]
    public void Setup() => SetupPath();

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int Decode() => DecodeStream();

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int Observe() => ObserveStream();

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int TextCheck() => CheckTextOfStream();

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int WriteFrame() => WriteFrames();

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int Publish_Unlogged() => PublishFrames(logged: false);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int Publish_Logged() => PublishFrames(logged: true);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int Path_Unlogged() => PassStream(logged: false);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public int Path_Logged() => PassStream(logged: true);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public Task<int> Path_Logged_FromBytes() => PassStreamFromBytesAsync(observe: true);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public Task<int> Path_Logged_FromBytes_Decode() => PassStreamFromBytesAsync(observe: false);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatLongEvents)]
    public Task<int> Path_Logged_FromBytes_Long() => PassStreamFromBytesAsync(observe: true, longStream: true);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatLongEvents)]
    public Task<int> Path_Logged_FromBytes_Decode_Long() => PassStreamFromBytesAsync(observe: false, longStream: true);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public Task<int> Path_Logged_FromBytes_SseParser() => PassStreamFromBytesSseParserAsync();
}
