using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>What <c>batch submit</c> refuses before anything reaches the provider.</summary>
public sealed class BatchSubmitRefusalTests
{
    [Fact]
    public async Task Submit_EstimateAboveMaxCost_IsRefusedBeforeAnyUpload()
    {
        await using var harness = await BatchCliHarness.StartAsync();
        var input = harness.WriteInput(1000, "gpt-4o");

        var run = await harness.RunAsync("submit", input, "--provider", "openai", "--max-cost", "0.001");

        Assert.Equal(4, run.Exit);
        Assert.Contains("more than --max-cost $0.001; nothing was submitted", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        var stats = await harness.StatsAsync();
        Assert.Equal(0, stats.GetProperty("total").GetInt64());
        Assert.False(stats.GetProperty("byPath").TryGetProperty("/v1/files", out _));
    }

    [Fact]
    public async Task Submit_InvalidLines_AreReportedByNumberAndNothingIsSubmittedUnlessSkipped()
    {
        await using var harness = await BatchCliHarness.StartAsync();
        var input = harness.WriteInput(12, line: i => (i + 1) switch
        {
            3 => "{not json",
            5 => """{"custom_id":"no-body"}""",
            8 => BatchCliHarness.Line("req-7", "no-such-model", 7),
            10 => BatchCliHarness.Line("req-0", "gpt-4o-mini", 9),
            12 => """{"body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"no id"}]}}""",
            _ => BatchCliHarness.Line($"req-{i}", "gpt-4o-mini", i),
        });

        var refused = await harness.RunAsync("submit", input, "--provider", "openai");

        Assert.Equal(3, refused.Exit);
        Assert.Contains("line 3: not valid JSON", refused.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: body is missing", refused.Error, StringComparison.Ordinal);
        Assert.Contains("line 8: body: unknown model 'no-such-model'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("line 10: duplicate custom_id 'req-0' (first on line 1)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("4 of 12 lines are invalid; nothing was submitted", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.StatsAsync()).GetProperty("total").GetInt64());

        var (_, results, failures) = await harness.SubmitWaitCollectAsync(input, "--provider", "openai", "--skip-invalid");
        // Every input line is in exactly one of the two files: the skipped ones are failures that never ran.
        Assert.Equal([3L, 5, 8, 10], failures.Select(f => f.GetProperty("line").GetInt64()));
        Assert.All(failures, f =>
        {
            Assert.Equal("invalid_input", f.GetProperty("failure").GetString());
            Assert.False(f.GetProperty("retryable").GetBoolean());
            Assert.Equal(0, f.GetProperty("attempts").GetInt32());
            Assert.Equal("invalid_input", f.GetProperty("error").GetProperty("code").GetString());
        });
        Assert.Equal(JsonValueKind.Null, failures[0].GetProperty("custom_id").ValueKind);
        Assert.Equal("req-0", failures[3].GetProperty("custom_id").GetString());
        Assert.Equal("duplicate custom_id 'req-0' (first on line 1)", failures[3].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(12, results.Count + failures.Count);
        Assert.Equal(["req-0", "req-1", "req-3", "req-5", "req-6", "req-8", "req-10", "line-12"], results.Select(r => r.GetProperty("custom_id").GetString()));
        Assert.Equal(1, (await harness.StatsAsync()).GetProperty("batches").GetProperty("created").GetProperty("openai").GetInt64());
    }

    [Theory]
    [InlineData("openai", "claude-haiku-4-5", "is an Anthropic model; this job runs on openai")]
    [InlineData("anthropic", "gpt-4o-mini", "is an OpenAI model; this job runs on anthropic")]
    public async Task Submit_AModelOfTheOtherProvider_IsAnInvalidLineAndNothingIsSent(string provider, string foreign, string expected)
    {
        await using var harness = await BatchCliHarness.StartAsync();
        var own = provider == "openai" ? "gpt-4o-mini" : "claude-haiku-4-5";
        var input = harness.WriteInput(3, line: i => BatchCliHarness.Line($"req-{i}", i == 1 ? foreign : own, i));

        var refused = await harness.RunAsync("submit", input, "--provider", provider);

        Assert.Equal(3, refused.Exit);
        Assert.Contains($"line 2: body: model '{foreign}' {expected}", refused.Error, StringComparison.Ordinal);
        Assert.Contains("1 of 3 lines are invalid; nothing was submitted", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.StatsAsync()).GetProperty("total").GetInt64());

        var wholeJob = await harness.RunAsync("submit", input, "--provider", provider, "--model", foreign, "--new");
        Assert.Equal(3, wholeJob.Exit);
        Assert.Contains($"line 1: body: model '{foreign}' (--model) {expected}", wholeJob.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.StatsAsync()).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("openai", "gpt-4o")]
    [InlineData("anthropic", "claude-haiku-4-5")]
    public async Task Submit_TextOfDigitsAndSpaces_ActualCostStaysWithinTheWorstCase(string provider, string model)
    {
        // "7 7 7 …" is a token per byte in o200k (the simulator counts with it): the bound must still hold.
        await using var harness = await BatchCliHarness.StartAsync();
        var text = string.Concat(Enumerable.Repeat("7 ", 2000));
        var input = harness.WriteInput(20, line: i =>
            $$$"""{"custom_id":"d{{{i}}}","body":{"model":"{{{model}}}","messages":[{"role":"user","content":"{{{text}}}"}],"max_tokens":1}}""");

        var submit = await harness.RunAsync("submit", input, "--provider", provider);
        Assert.True(submit.Exit == 0, submit.ToString());
        var worst = Dollars(submit.Out, "worst-case cost at batch prices $");
        await harness.WaitCollectAsync(submit.LastLine);
        var collect = await harness.RunAsync("collect", submit.LastLine, "--output", Path.Combine(harness.Directory, "again.jsonl"));
        var actual = Dollars(collect.Out, "actual cost $");

        Assert.True(actual > 0, collect.ToString());
        Assert.True(actual <= worst, $"actual ${actual} above the worst case ${worst}");
    }

    private static decimal Dollars(string output, string after)
    {
        var start = output.IndexOf(after, StringComparison.Ordinal) + after.Length;
        var end = start;
        while (end < output.Length && (char.IsAsciiDigit(output[end]) || output[end] == '.'))
        {
            end++;
        }

        return decimal.Parse(output.AsSpan(start, end - start).TrimEnd('.'), System.Globalization.CultureInfo.InvariantCulture);
    }
}
