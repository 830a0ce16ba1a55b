using BenchmarkDotNet.Attributes;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Benchmarks;

/// <summary>
/// Non-streaming responses, once per request: parse a recorded provider body, and parse it then write it in another
/// front door's format (what the buffered attempt does when formats differ; same-format bodies pass through untouched).
/// </summary>
[MemoryDiagnoser]
public class ResponseCodecBenchmarks
{
    private ReadOnlyMemory<byte> _openAI;
    private ReadOnlyMemory<byte> _anthropic;

    [GlobalSetup]
    public void Setup()
    {
        _openAI = Inputs.OpenAIResponse();
        _anthropic = Inputs.AnthropicResponse();
        Console.WriteLine($"// inputs: {Inputs.Source}; OpenAI {_openAI.Length} B, Anthropic {_anthropic.Length} B");
    }

    [Benchmark]
    public ChatResponse? ReadResponse_OpenAIChat() => OpenAIChatCodec.Instance.ReadResponse(_openAI).Value;

    [Benchmark]
    public ChatResponse? ReadResponse_Anthropic() => AnthropicMessagesCodec.Instance.ReadResponse(_anthropic).Value;

    [Benchmark]
    public byte[] OpenAIChat_ToAnthropic() => AnthropicMessagesCodec.Instance.WriteResponse(Read(OpenAIChatCodec.Instance, _openAI));

    [Benchmark]
    public byte[] Anthropic_ToOpenAIChat() => OpenAIChatCodec.Instance.WriteResponse(Read(AnthropicMessagesCodec.Instance, _anthropic));

    [Benchmark]
    public byte[] Anthropic_ToResponses() => OpenAIResponsesCodec.Instance.WriteResponse(Read(AnthropicMessagesCodec.Instance, _anthropic));

    private static ChatResponse Read(IWireCodec codec, ReadOnlyMemory<byte> body)
    {
        var result = codec.ReadResponse(body);
        return result.IsSuccess ? result.Value : throw new InvalidOperationException($"{codec.Format}: {result.Failure.Message}");
    }
}
