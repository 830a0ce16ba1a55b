using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using Switchyard.Costs;
using Switchyard.Model;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Benchmarks;

/// <summary>
/// The prompt-token estimate admission makes for every request (<c>CostGate.AdmitAsync</c>): the typical ~1 KB chat
/// body, and a long conversation (40 turns of ~1.2 KB) as an agent resends it on every turn. <c>Tokenize</c> is the bare
/// o200k tokenizer over the same texts (what the estimate cost before texts were cached); <c>Estimate</c> is
/// <see cref="TokenEstimator.EstimateInputTokens"/> as the gateway calls it, repeated on the same request.
/// </summary>
[MemoryDiagnoser]
public class TokenEstimatorBenchmarks
{
    private readonly Tokenizer _o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
    private ChatRequest _request = null!;

    /// <summary>Which request: the typical body or the long conversation.</summary>
    [Params("typical", "long-conversation")]
    public string Prompt { get; set; } = "typical";

    [GlobalSetup]
    public void Setup()
    {
        var typical = TranslationBenchmarks.Read(OpenAIChatCodec.Instance, SampleBodies.OpenAIChatRequest);
        _request = Prompt == "typical" ? typical : typical with
        {
            Messages = [.. Enumerable.Range(0, 40).Select(i => ChatMessage.FromText(
                i % 2 == 0 ? ChatRole.User : ChatRole.Assistant,
                string.Concat(Enumerable.Repeat($"Turn {i}: the quarterly numbers, the shipping delays and what the customer asked about refunds. ", 12))))],
        };
    }

    [Benchmark(Baseline = true)]
    public int Tokenize()
    {
        var total = 0;
        foreach (var tool in _request.Tools ?? [])
        {
            total += _o200k.CountTokens(tool.Name) + _o200k.CountTokens(tool.Description ?? "") + (tool.Parameters is { } schema ? _o200k.CountTokens(schema.GetRawText()) : 0);
        }

        foreach (var message in _request.Messages)
        {
            total += _o200k.CountTokens(message.Text);
        }

        return total;
    }

    [Benchmark]
    public int Estimate() => TokenEstimator.Instance.EstimateInputTokens(_request, "gpt-4o-mini");
}
