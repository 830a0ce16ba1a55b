using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Benchmarks;

/// <summary>
/// Cross-format streams per upstream event: decode the provider's event, encode each canonical event in the caller's
/// format into a reused buffer (what <c>StreamingAttempt.ReadOneAsync</c> does when not passing through). A fresh decoder
/// and encoder per stream, as per request. The encoders get the request the caller would have sent in their format.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class TranslationBenchmarks
{
    private readonly List<StreamEvent> _events = [];
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private RecordedStream _openAIChat = null!;
    private RecordedStream _anthropic = null!;
    private ChatRequest _openAIClient = null!;
    private ChatRequest _anthropicClient = null!;
    private ChatRequest _responsesClient = null!;

    [GlobalSetup]
    public void Setup()
    {
        _openAIChat = RecordedStream.Load(Inputs.OpenAIChatStream(), Inputs.OpenAIChatEvents);
        _anthropic = RecordedStream.Load(Inputs.AnthropicStream(), Inputs.AnthropicEvents);
        _openAIClient = Read(OpenAIChatCodec.Instance, SampleBodies.OpenAIChatRequest) with { IncludeUsage = true };
        _anthropicClient = Read(AnthropicMessagesCodec.Instance, SampleBodies.AnthropicRequest);
        _responsesClient = Read(OpenAIResponsesCodec.Instance, SampleBodies.OpenAIResponsesRequest);
        Console.WriteLine($"// inputs: {Inputs.Source}");
    }

    [Benchmark(OperationsPerInvoke = Inputs.AnthropicEvents)]
    public long AnthropicStream_ToOpenAIChat() =>
        Translate(_anthropic, AnthropicMessagesCodec.Instance, OpenAIChatCodec.Instance.CreateStreamEncoder(_openAIClient));

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public long OpenAIChatStream_ToAnthropic() =>
        Translate(_openAIChat, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance.CreateStreamEncoder(_anthropicClient));

    [Benchmark(OperationsPerInvoke = Inputs.OpenAIChatEvents)]
    public long OpenAIChatStream_ToResponses() =>
        Translate(_openAIChat, OpenAIChatCodec.Instance, OpenAIResponsesCodec.Instance.CreateStreamEncoder(_responsesClient));

    internal static ChatRequest Read(IWireCodec codec, string body)
    {
        var result = codec.ReadRequest(Encoding.UTF8.GetBytes(body));
        return result.IsSuccess ? result.Value : throw new InvalidOperationException($"{codec.Format} sample body: {result.Failure.Message}");
    }

    private long Translate(RecordedStream stream, IWireCodec upstream, IStreamEncoder encoder)
    {
        var decoder = upstream.CreateStreamDecoder();
        long written = 0;
        foreach (var item in stream.Items)
        {
            _events.Clear();
            decoder.Decode(item.EventType, item.Data, _events);
            foreach (var e in _events)
            {
                encoder.Encode(e, _output);
            }

            written += _output.WrittenCount;
            _output.ResetWrittenCount();
        }

        return written;
    }
}
