using System.Text;
using BenchmarkDotNet.Attributes;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Benchmarks;

/// <summary>
/// Request bodies, once per request: parse and validate a typical chat body in each front-door format, write the
/// canonical request in another provider's format, and the same-format splice that replaces it on passthrough
/// (model renamed, <c>stream_options.include_usage</c> added, as <c>UpstreamAttempt</c> asks).
/// </summary>
[MemoryDiagnoser]
public class RequestCodecBenchmarks
{
    private static readonly UpstreamRequestOptions ToAnthropic = new("claude-sonnet-4-5-20250929", Stream: true);
    private static readonly UpstreamRequestOptions ToOpenAI = new("gpt-4o-mini-2024-07-18", Stream: true);

    private ReadOnlyMemory<byte> _openAIBody;
    private ReadOnlyMemory<byte> _anthropicBody;
    private ReadOnlyMemory<byte> _responsesBody;
    private ChatRequest _fromOpenAI = null!;
    private ChatRequest _fromAnthropic = null!;
    private ChatRequest _fromResponses = null!;

    [GlobalSetup]
    public void Setup()
    {
        _openAIBody = Encoding.UTF8.GetBytes(SampleBodies.OpenAIChatRequest);
        _anthropicBody = Encoding.UTF8.GetBytes(SampleBodies.AnthropicRequest);
        _responsesBody = Encoding.UTF8.GetBytes(SampleBodies.OpenAIResponsesRequest);
        _fromOpenAI = TranslationBenchmarks.Read(OpenAIChatCodec.Instance, SampleBodies.OpenAIChatRequest);
        _fromAnthropic = TranslationBenchmarks.Read(AnthropicMessagesCodec.Instance, SampleBodies.AnthropicRequest);
        _fromResponses = TranslationBenchmarks.Read(OpenAIResponsesCodec.Instance, SampleBodies.OpenAIResponsesRequest);
        Console.WriteLine($"// bodies: OpenAI {_openAIBody.Length} B, Anthropic {_anthropicBody.Length} B, Responses {_responsesBody.Length} B");
    }

    [Benchmark]
    public ChatRequest? ReadRequest_OpenAIChat() => OpenAIChatCodec.Instance.ReadRequest(_openAIBody).Value;

    [Benchmark]
    public ChatRequest? ReadRequest_Anthropic() => AnthropicMessagesCodec.Instance.ReadRequest(_anthropicBody).Value;

    [Benchmark]
    public ChatRequest? ReadRequest_Responses() => OpenAIResponsesCodec.Instance.ReadRequest(_responsesBody).Value;

    [Benchmark]
    public byte[] WriteRequest_OpenAIChatToAnthropic() => AnthropicMessagesCodec.Instance.WriteRequest(_fromOpenAI, ToAnthropic);

    [Benchmark]
    public byte[] WriteRequest_AnthropicToOpenAIChat() => OpenAIChatCodec.Instance.WriteRequest(_fromAnthropic, ToOpenAI);

    [Benchmark]
    public byte[] WriteRequest_ResponsesToOpenAIChat() => OpenAIChatCodec.Instance.WriteRequest(_fromResponses, ToOpenAI);

    [Benchmark]
    public ReadOnlyMemory<byte> Edit_OpenAIChat_ModelAndUsage() =>
        RequestBodyEditor.Edit(_openAIBody, ToOpenAI.Model, forceIncludeUsage: true);
}
