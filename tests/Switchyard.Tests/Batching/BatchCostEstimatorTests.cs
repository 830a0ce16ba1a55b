using System.Text;
using System.Text.Json;
using Switchyard.Batching;
using Switchyard.Costs;

namespace Switchyard.Tests.Batching;

/// <summary>
/// The gateway's batch bound: every request at batch prices with all of its bytes as prompt (a token each, plus the reply
/// priming) and its output limit as output, read from a stream in pieces of any size.
/// </summary>
public sealed class BatchCostEstimatorTests
{
    private const int DefaultMaxOutput = 1000;
    private static readonly PriceBook Prices = PriceBook.Default;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64 * 1024)]
    public async Task OpenAIInputFile_SumsEachLinesWorstCase_WhateverTheReadSize(int readSize)
    {
        string[] lines =
        [
            """{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi, model"}],"max_tokens":300}}""",
            // Both limits: the larger bounds the output. A "model" deeper in the body is not the body's model.
            """{"custom_id":"b","body":{"messages":[{"role":"user","content":[{"type":"text","text":"x","model":"gpt-4.1"}]}],"max_completion_tokens":50,"max_tokens":70,"model":"gpt-4o"},"url":"/v1/chat/completions","method":"POST"}""",
            // No limit: the default.
            """{"custom_id":"c","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Longer question here"}]}}""",
            // Embeddings produce no output.
            """{"custom_id":"d","method":"POST","url":"/v1/embeddings","body":{"model":"text-embedding-3-small","input":"embed me"}}""",
            // A model without a price counts as free, but still as a request.
            """{"custom_id":"e","method":"POST","url":"/v1/chat/completions","body":{"model":"no-such-model","messages":[],"max_tokens":9}}""",
        ];
        var expected = Worst(lines[0], "gpt-4o-mini", 300) + Worst(lines[1], "gpt-4o", 70) + Worst(lines[2], "gpt-4o-mini", DefaultMaxOutput)
            + Worst(lines[3], "text-embedding-3-small", 0);

        var estimate = await Estimator().EstimateOpenAIInputFileAsync(new TrickleStream(string.Join("\n", lines) + "\n", readSize), Ct);

        Assert.Equal(5, estimate.Requests);
        Assert.Equal(expected, estimate.MaxUsd);
        Assert.Equal("gpt-4o", estimate.Model);
        Assert.Equal("no-such-model", estimate.UnpricedModel);
    }

    [Fact]
    public async Task OpenAIInputFile_ALineLongerThanTheBuffer_IsCountedWhole()
    {
        var prompt = new string('q', 300_000);
        var line = $$$"""{"custom_id":"long","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"{{{prompt}}}"}],"max_tokens":10}}""";

        var estimate = await Estimator().EstimateOpenAIInputFileAsync(new TrickleStream(line + "\r\n", 4096), Ct);

        Assert.Equal(1, estimate.Requests);
        Assert.Equal(Worst(line, "gpt-4o-mini", 10), estimate.MaxUsd);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64 * 1024)]
    public async Task AnthropicCreateBody_SumsEachRequestsParams_OnlyInsideTheRequestsArray(int readSize)
    {
        string[] requests =
        [
            """{"custom_id":"r1","params":{"model":"claude-haiku-4-5","max_tokens":400,"messages":[{"role":"user","content":"Hello"}]}}""",
            """{"params":{"messages":[{"role":"user","content":"A longer question, with \"quotes\""}],"max_tokens":1024,"model":"claude-sonnet-4-5"},"custom_id":"r2"}""",
        ];
        // A "requests" or "params" anywhere else is not a request.
        var body = $$$"""{"metadata":{"requests":[{"params":{"model":"claude-opus-4-1","max_tokens":99999}}]},"requests":[{{{requests[0]}}}, {{{requests[1]}}}]}""";
        var expected = Worst(requests[0], "claude-haiku-4-5", 400) + Worst(requests[1], "claude-sonnet-4-5", 1024);

        var estimate = await Estimator().EstimateAnthropicCreateBodyAsync(new TrickleStream(body, readSize), Ct);

        Assert.Equal(2, estimate.Requests);
        Assert.Equal(expected, estimate.MaxUsd);
        Assert.Equal("claude-sonnet-4-5", estimate.Model);
        Assert.Null(estimate.UnpricedModel);
    }

    [Theory]
    [InlineData("""{"requests":[{"custom_id":"r1","params":{"model":"claude-haiku-4-5","max_tokens":4""")]
    [InlineData("")]
    [InlineData("not json")]
    public async Task AnthropicCreateBody_NotOneJsonValue_Throws(string body)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Estimator().EstimateAnthropicCreateBodyAsync(new TrickleStream(body, 5), Ct));
    }

    [Fact]
    public async Task OpenAIInputFile_ATruncatedLine_Throws()
    {
        const string jsonl = """{"custom_id":"a","body":{"model":"gpt-4o-mini","max_tokens":3}}""" + "\n" + """{"custom_id":"b","body":{"model":""";

        await Assert.ThrowsAnyAsync<JsonException>(() => Estimator().EstimateOpenAIInputFileAsync(new TrickleStream(jsonl, 16), Ct));
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff\\ud800")]
    [InlineData("\u00ff")]
    public async Task OpenAIInputFile_AModelThatIsNotText_ThrowsJsonException(string model)
    {
        // Latin-1 keeps \u00ff a single 0xFF byte, which is never UTF-8.
        var jsonl = Encoding.Latin1.GetBytes($$$"""{"custom_id":"a","body":{"model":"{{{model}}}","max_tokens":3}}""" + "\n");

        await Assert.ThrowsAnyAsync<JsonException>(() => Estimator().EstimateOpenAIInputFileAsync(new MemoryStream(jsonl), Ct));
    }

    [Fact]
    public async Task EmptyFile_IsNoRequests()
    {
        var estimate = await Estimator().EstimateOpenAIInputFileAsync(new MemoryStream(), Ct);

        Assert.Equal(new BatchCostEstimate(0m, 0, null), estimate);
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("claude-haiku-4-5")]
    public async Task OpenAIInputFile_DigitsAndSpaces_EstimateCoversTheTokenizerCount(string model)
    {
        // o200k counts "7 7 7 …" at one token per byte; the reservation must not be passed by such text.
        var text = string.Concat(Enumerable.Repeat("7 ", 2000));
        var line = $$$"""{"custom_id":"d","method":"POST","url":"/v1/chat/completions","body":{"model":"{{{model}}}","messages":[{"role":"user","content":"{{{text}}}"}],"max_tokens":1}}""";
        var floor = PriceBook.MaxCost(Prices.Find(model)!, TokenEstimator.CountText(text, "gpt-4o"), 1, batch: true);

        var estimate = await Estimator().EstimateOpenAIInputFileAsync(new TrickleStream(line + "\n", 4096), Ct);

        Assert.True(estimate.MaxUsd >= floor, $"estimate {estimate.MaxUsd} < tokenizer's {floor}");
    }

    private static BatchCostEstimator Estimator() => new(Prices, DefaultMaxOutput);

    private static decimal Worst(string request, string model, int output)
    {
        var bytes = Encoding.UTF8.GetByteCount(request);
        var input = TokenEstimator.ReplyPriming + bytes;
        return PriceBook.MaxCost(Prices.Find(model)!, input, output, batch: true);
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a slow network would.</summary>
    private sealed class TrickleStream(string text, int readSize) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
