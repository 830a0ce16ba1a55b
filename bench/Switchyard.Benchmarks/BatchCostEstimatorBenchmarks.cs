using System.Text;
using BenchmarkDotNet.Attributes;
using Switchyard.Batching;
using Switchyard.Costs;

namespace Switchyard.Benchmarks;

/// <summary>
/// The worst-case estimate the gateway's batch doors make before a batch reaches the provider, when a budget applies
/// (<see cref="BatchCostEstimator"/>): 10,000 ~850-byte chat requests (~8.5 MB), as an OpenAI input file (JSONL) and as
/// an Anthropic create body. Read from memory in 64 KB pieces, so the number is the scan's own cost; the doors add the
/// file's download (OpenAI) or the spool to disk (Anthropic).
/// </summary>
[MemoryDiagnoser]
public class BatchCostEstimatorBenchmarks
{
    private const int Requests = 10_000;
    private readonly BatchCostEstimator _estimator = new(PriceBook.Default, 4096);
    private byte[] _openAI = [];
    private byte[] _anthropic = [];

    [GlobalSetup]
    public void Setup()
    {
        var prompt = string.Concat(Enumerable.Repeat("Summarise the quarterly numbers and the shipping delays. ", 12));
        var openAI = new StringBuilder();
        var anthropic = new StringBuilder("{\"requests\":[");
        for (var i = 0; i < Requests; i++)
        {
            openAI.Append($$$"""{"custom_id":"q-{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","max_tokens":400,"messages":[{"role":"user","content":"{{{prompt}}}"}]}}""").Append('\n');
            anthropic.Append(i == 0 ? "" : ",").Append($$$"""{"custom_id":"q-{{{i}}}","params":{"model":"claude-haiku-4-5","max_tokens":400,"messages":[{"role":"user","content":"{{{prompt}}}"}]}}""");
        }

        _openAI = Encoding.UTF8.GetBytes(openAI.ToString());
        _anthropic = Encoding.UTF8.GetBytes(anthropic.Append("]}").ToString());
    }

    [Benchmark]
    public Task<BatchCostEstimate> OpenAIInputFile() => _estimator.EstimateOpenAIInputFileAsync(new MemoryStream(_openAI, writable: false), CancellationToken.None);

    [Benchmark]
    public Task<BatchCostEstimate> AnthropicCreateBody() => _estimator.EstimateAnthropicCreateBodyAsync(new MemoryStream(_anthropic, writable: false), CancellationToken.None);
}
