using System.Net.ServerSentEvents;
using BenchmarkDotNet.Attributes;
using Switchyard.Providers;

namespace Switchyard.Benchmarks;

/// <summary>
/// Parsing a whole upstream SSE body, per event. <c>Reader</c> is the gateway's <see cref="SseEventReader"/> as
/// <c>UpstreamResponse.ReadEvents</c> hands it out; <c>AsGateway</c> calls <see cref="SseParser"/> as the gateway did
/// before it (an item parser that copies each event's data to a new array, enumerated asynchronously); <c>NoCopy</c>
/// hands the parser an item parser that keeps nothing, to show what the copies cost.
/// The body is read from memory, so no socket time is in the numbers.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class SseParsingBenchmarks
{
    private byte[] _openAIChat = [];
    private byte[] _anthropic = [];

    [GlobalSetup]
    public void Setup()
    {
        _openAIChat = RecordedStream.Load(Inputs.OpenAIChatStream(), Inputs.OpenAIChatEvents).Body;
        _anthropic = RecordedStream.Load(Inputs.AnthropicStream(), Inputs.AnthropicEvents).Body;
        Console.WriteLine($"// inputs: {Inputs.Source}");
    }

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public Task<int> OpenAIChat_Reader() => ReadAsync(_openAIChat);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public Task<int> Anthropic_Reader() => ReadAsync(_anthropic);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public Task<int> OpenAIChat_AsGateway() => ParseAsGatewayAsync(_openAIChat);

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public Task<int> OpenAIChat_NoCopy() => ParseNoCopyAsync(_openAIChat);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public Task<int> Anthropic_AsGateway() => ParseAsGatewayAsync(_anthropic);

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public Task<int> Anthropic_NoCopy() => ParseNoCopyAsync(_anthropic);

    private static async Task<int> ReadAsync(byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        await using var reader = new SseEventReader(stream, CancellationToken.None);
        var bytes = 0;
        while (await reader.MoveNextAsync())
        {
            bytes += reader.Data.Length;
        }

        return bytes;
    }

    private static async Task<int> ParseAsGatewayAsync(byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        var parser = SseParser.Create(stream, static (_, data) => data.ToArray());
        var bytes = 0;
        await foreach (var item in parser.EnumerateAsync(CancellationToken.None))
        {
            bytes += item.Data.Length;
        }

        return bytes;
    }

    private static async Task<int> ParseNoCopyAsync(byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        var parser = SseParser.Create(stream, static (_, data) => data.Length);
        var bytes = 0;
        await foreach (var item in parser.EnumerateAsync(CancellationToken.None))
        {
            bytes += item.Data;
        }

        return bytes;
    }
}
