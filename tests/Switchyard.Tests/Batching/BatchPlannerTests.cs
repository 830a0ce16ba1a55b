using System.Text;
using System.Text.Json;
using Switchyard.Batching;
using Switchyard.Costs;
using Switchyard.Model;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;
using Switchyard.Storage;

namespace Switchyard.Tests.Batching;

public sealed class BatchPlannerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sy-plan-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteBatchJobStore _store;

    public BatchPlannerTests()
    {
        Directory.CreateDirectory(_directory);
        _store = new SqliteBatchJobStore(Path.Combine(_directory, "jobs.db"));
    }

    [Fact]
    public void Plan_OpenAI_SplitsByCountAndByModelAndRecordsEveryLine()
    {
        var input = Lines(Enumerable.Range(0, 25).Select(i => Line($"r{i}", i % 5 == 0 ? "gpt-4o" : "gpt-4o-mini")));

        var result = Plan(input, OpenAI(new BatchLimits(10, 1 << 20, OneModelPerBatch: true)));

        Assert.True(result.Accepted);
        Assert.Equal([("gpt-4o-mini", 10), ("gpt-4o-mini", 10), ("gpt-4o", 5)], result.Chunks.Select(c => (c.Model!, c.Requests)).OrderByDescending(c => c.Item1).ThenByDescending(c => c.Item2));
        foreach (var chunk in result.Chunks)
        {
            var lines = File.ReadAllLines(chunk.Path);
            Assert.Equal(chunk.Requests, lines.Length);
            Assert.Equal(chunk.Bytes, new FileInfo(chunk.Path).Length);
            Assert.All(lines, l => Assert.Equal(chunk.Model, JsonDocument.Parse(l).RootElement.GetProperty("body").GetProperty("model").GetString()));
        }

        Assert.Equal(25, _store.GetTotals(result.Job!.Id).Pending);
    }

    [Fact]
    public void Plan_ByteLimit_StartsANewChunkBeforeTheLimitIsPassed()
    {
        var input = Lines(Enumerable.Range(0, 40).Select(i => Line($"r{i}", "gpt-4o-mini")));

        var result = Plan(input, OpenAI(new BatchLimits(1000, 2000, OneModelPerBatch: true)));

        Assert.True(result.Chunks.Count > 1);
        Assert.All(result.Chunks, c => Assert.True(c.Bytes <= 2000 - 16, $"{c.Bytes} bytes"));
        Assert.Equal(40, result.Chunks.Sum(c => c.Requests));
    }

    [Fact]
    public void Plan_Anthropic_ConvertsBodiesToParamsWithMaxTokens()
    {
        var input = Lines(["""{"custom_id":"a","body":{"model":"claude-haiku-4-5","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}}"""]);

        var result = Plan(input, new BatchTarget("anthropic", BatchLimits.Anthropic, BatchLineFormat.AnthropicBatch, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance));

        var line = JsonDocument.Parse(File.ReadAllLines(Assert.Single(result.Chunks).Path)[0]).RootElement;
        Assert.Equal("a", line.GetProperty("custom_id").GetString());
        var parameters = line.GetProperty("params");
        Assert.Equal("Be brief.", parameters.GetProperty("system").ValueKind == JsonValueKind.String
            ? parameters.GetProperty("system").GetString()
            : parameters.GetProperty("system")[0].GetProperty("text").GetString());
        Assert.Equal(4096, parameters.GetProperty("max_tokens").GetInt32());
        Assert.False(parameters.TryGetProperty("stream", out var stream) && stream.GetBoolean());
    }

    [Fact]
    public void Plan_AnthropicBodiesAskingForAnHourLongCache_EstimatedAtTheHourWritePrice()
    {
        static byte[] Input(string cache) => Lines([$$$"""{"custom_id":"a","body":{"model":"claude-haiku-4-5","max_tokens":10,"system":[{"type":"text","text":"Be brief."{{{cache}}}}],"messages":[{"role":"user","content":"Hi"}]}}"""]);
        var target = new BatchTarget("anthropic", BatchLimits.Anthropic, BatchLineFormat.AnthropicBatch, AnthropicMessagesCodec.Instance, null);

        var plain = Plan(Input(""), target).EstimatedCostUsd;
        var hour = Plan(Input(""","cache_control":{"type":"ephemeral","ttl":"1h"}"""), target).EstimatedCostUsd;

        // haiku 4.5: $1 input, $2 one-hour write, $5 output, half price in a batch; 10 output tokens in both.
        var outputCost = 10 * 5m / 2_000_000m;
        Assert.Equal(2 * (plain - outputCost), hour - outputCost);
    }

    [Fact]
    public void Plan_OpenAIBodyWithoutOutputLimit_GetsTheDefaultSoTheCostHasABound()
    {
        var input = Lines(["""{"custom_id":"a","body":{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}}"""]);

        var result = Plan(input, OpenAI(BatchLimits.OpenAI));

        var body = JsonDocument.Parse(File.ReadAllLines(Assert.Single(result.Chunks).Path)[0]).RootElement.GetProperty("body");
        Assert.Equal(4096, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.True(result.EstimatedCostUsd >= 4096 * 5.00m / 1_000_000m, $"{result.EstimatedCostUsd}");
    }

    [Fact]
    public void Plan_DuplicatesAndMissingIds_ReportsTheDuplicateByNumberAndAssignsLineIds()
    {
        var input = Lines([Line("x", "gpt-4o-mini"), """{"body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}}""", Line("x", "gpt-4o-mini"), Line("line-2", "gpt-4o-mini")]);

        var refused = Plan(input, OpenAI(BatchLimits.OpenAI));
        var skipped = Plan(input, OpenAI(BatchLimits.OpenAI), new BatchPlanOptions { SkipInvalid = true });

        Assert.False(refused.Accepted);
        Assert.Equal(["line 3: duplicate custom_id 'x' (first on line 1)", "line 4: duplicate custom_id 'line-2' (first on line 2)"], refused.Issues.Select(i => i.ToString()));
        Assert.True(skipped.Accepted);
        Assert.Equal(["x", "line-2"], File.ReadAllLines(Assert.Single(skipped.Chunks).Path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()));
    }

    [Fact]
    public void Plan_OverTheCostBound_RecordsNothingAndLeavesNoChunkFile()
    {
        var input = Lines(Enumerable.Range(0, 10).Select(i => Line($"r{i}", "gpt-4o")));
        var job = Job();

        var result = new BatchPlanner(OpenAI(BatchLimits.OpenAI), PriceBook.Default, TokenEstimator.Instance)
            .Plan(new MemoryStream(input), job, _store, new BatchPlanOptions { MaxCostUsd = 0.0001m });

        Assert.False(result.Accepted);
        Assert.True(result.OverCostBound);
        Assert.Null(_store.FindJob(job.Id));
        Assert.Empty(Directory.Exists(job.Directory) ? Directory.GetFiles(job.Directory) : []);
    }

    [Fact]
    public void Plan_PassThrough_FindsDuplicatesWhetherTheFirstIsFarBackOrTheLineBefore()
    {
        // 100 lines: line 70 repeats line 5 (long since placed), line 100 repeats line 99 (placed just before it).
        var input = Lines(Enumerable.Range(1, 100).Select(n => Line(n switch { 70 => "r5", 100 => "r99", _ => $"r{n}" }, "gpt-4o-mini")));

        var refused = PlanPassThrough(input);
        var skipped = PlanPassThrough(input, new BatchPlanOptions { SkipInvalid = true });

        Assert.False(refused.Accepted);
        Assert.Equal(["line 70: duplicate custom_id 'r5' (first on line 5)", "line 100: duplicate custom_id 'r99' (first on line 99)"], refused.Issues.Select(i => i.ToString()));
        Assert.True(skipped.Accepted);
        Assert.Equal(98, _store.GetTotals(skipped.Job!.Id).Pending);
        Assert.Equal(98, File.ReadAllLines(Assert.Single(skipped.Chunks).Path).Length);
    }

    [Fact]
    public void Plan_PassThrough_WritesTheBodyAsItCameAndReportsBadBodiesByNumber()
    {
        const string body = """{ "model" : "gpt-4o-mini", "messages" : [ {"role":"user","content":"caf\u00e9"} ], "max_tokens" : 16 }""";
        var input = Lines([$$"""{"custom_id":"a","body":{{body}}}""", """{"custom_id":"b","body":{"model":"gpt-4o-mini","messages":[]}}""", """{"custom_id":"c","body":{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"x"}]}}"""]);

        var result = PlanPassThrough(input, new BatchPlanOptions { SkipInvalid = true });

        Assert.Equal(["line 2: body: Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "line 3: body: batch requests cannot stream (remove \"stream\": true)"], result.Issues.Select(i => i.ToString()));
        var line = File.ReadAllLines(Assert.Single(result.Chunks).Path)[0];
        Assert.Equal($$"""{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{{body}}}""", line);
        Assert.True(result.EstimatedCostUsd > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_ThousandsOfLinesPreparedOnEveryCore_ReportsEachProblemInInputOrderAndPlacesEveryValidLineOnce(bool anthropic)
    {
        // Enough lines for several batches prepared in parallel; every 97th body is invalid, every 131st repeats r1.
        var lines = Enumerable.Range(1, 5000).Select(n => n % 97 == 0
            ? $$$"""{"custom_id":"r{{{n}}}","body":{"model":"gpt-4o-mini","messages":[]}}"""
            : Line(n % 131 == 0 ? "r1" : $"r{n}", anthropic ? "claude-haiku-4-5" : "gpt-4o-mini")).ToList();
        var expected = Enumerable.Range(1, 5000)
            .Where(n => n % 97 == 0 || n % 131 == 0)
            .Select(n => n % 97 == 0
                ? $"line {n}: body: Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead."
                : $"line {n}: duplicate custom_id 'r1' (first on line 1)")
            .ToList();
        var target = anthropic
            ? new BatchTarget("anthropic", BatchLimits.Anthropic, BatchLineFormat.AnthropicBatch, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance)
            : OpenAI(BatchLimits.OpenAI);

        var result = new BatchPlanner(target, PriceBook.Default, ByteRatioTokenEstimator.Instance)
            .Plan(new MemoryStream(Lines(lines)), Job(), _store, new BatchPlanOptions { SkipInvalid = true, MaxReportedIssues = 10_000 });

        Assert.True(result.Accepted);
        Assert.Equal(expected, result.Issues.Select(i => i.ToString()));
        var placed = result.Chunks.SelectMany(c => File.ReadAllLines(c.Path)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()).ToList();
        Assert.Equal(5000 - expected.Count, placed.Count);
        Assert.Equal(placed.Count, placed.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 5000).Where(n => n % 97 != 0 && n % 131 != 0).Select(n => $"r{n}"), _store.ReadLines(result.Job!.Id).Select(l => l.CustomId));
    }

    public static TheoryData<string, string> DenseTexts => new()
    {
        // Digits and spaces: o200k splits " 7" into " " and "7", one token per byte.
        { "openai", string.Concat(Enumerable.Repeat("7 ", 2000)) },
        { "anthropic", string.Concat(Enumerable.Repeat("7 ", 2000)) },
        // Punctuation runs, CJK and emoji: several bytes a character, close to a token a character or more.
        { "openai", string.Concat(Enumerable.Repeat("!?;", 700)) + string.Concat(Enumerable.Repeat("\u8a9e\ud83d\ude00", 300)) },
        { "anthropic", string.Concat(Enumerable.Repeat("\u8a9e\ud83d\ude00 ", 300)) },
    };

    [Theory]
    [MemberData(nameof(DenseTexts))]
    public void Plan_TextDenserThanThreeBytesAToken_EstimateStillCoversTheTokenizerCount(string provider, string text)
    {
        // The worst case must be a bound: never below what the online path's tokenizer counts for the same prompt
        // (o200k; for Claude, whose tokenizer is unpublished, the byte bound must cover at least o200k's count).
        var body = $$$"""{"model":"{{{(provider == "openai" ? "gpt-4o" : "claude-haiku-4-5")}}}","messages":[{"role":"user","content":"{{{text}}}"}],"max_tokens":1}""";
        var request = OpenAIChatCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(body)).Value!;
        var target = provider == "openai"
            ? OpenAI(BatchLimits.OpenAI)
            : new BatchTarget("anthropic", BatchLimits.Anthropic, BatchLineFormat.AnthropicBatch, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance);
        var counted = TokenEstimator.CountText(((TextPart)request.Messages[0].Content[0]).Text, "gpt-4o");
        var floor = PriceBook.MaxCost(PriceBook.Default.Find(request.Model)!, counted, 1, batch: true);

        var result = new BatchPlanner(target, PriceBook.Default, ByteRatioTokenEstimator.Instance)
            .Plan(new MemoryStream(Lines([$$"""{"custom_id":"d","body":{{body}}}"""])), Job(), _store, new BatchPlanOptions());

        Assert.True(result.Accepted);
        Assert.True(result.EstimatedCostUsd >= floor, $"estimate {result.EstimatedCostUsd} < tokenizer's {floor} ({counted} tokens)");
    }

    [Theory]
    [InlineData("openai", "claude-haiku-4-5", null, "body: model 'claude-haiku-4-5' is an Anthropic model; this job runs on openai")]
    [InlineData("anthropic", "gpt-4o-mini", null, "body: model 'gpt-4o-mini' is an OpenAI model; this job runs on anthropic")]
    [InlineData("openai", "gpt-4o-mini", "claude-haiku-4-5", "body: model 'claude-haiku-4-5' (--model) is an Anthropic model; this job runs on openai")]
    public void Plan_AModelOfTheOtherProvider_IsAnInvalidLine(string provider, string model, string? optionModel, string expected)
    {
        var ownModel = provider == "openai" ? "gpt-4o-mini" : "claude-haiku-4-5";
        var input = Lines([Line("a", ownModel), Line("b", model)]);
        var target = provider == "openai"
            ? OpenAI(BatchLimits.OpenAI)
            : new BatchTarget("anthropic", BatchLimits.Anthropic, BatchLineFormat.AnthropicBatch, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance);

        var result = new BatchPlanner(target, PriceBook.Default, ByteRatioTokenEstimator.Instance)
            .Plan(new MemoryStream(input), Job(), _store, new BatchPlanOptions { Model = optionModel });

        Assert.False(result.Accepted);
        Assert.Contains($"line 2: {expected}", result.Issues.Select(i => i.ToString()));
        Assert.Equal(optionModel is null ? 1 : 2, result.InvalidLines);
    }

    [Fact]
    public void Plan_AModelTheConfigurationGivesTheOtherProvider_IsAnInvalidLine()
    {
        var result = PlanPassThrough(Lines([Line("a", "gpt-4o-mini")]), new BatchPlanOptions { ModelProviders = new Dictionary<string, string> { ["gpt-4o-mini"] = "anthropic" } });

        Assert.Equal(["line 1: body: model 'gpt-4o-mini' is an Anthropic model; this job runs on openai"], result.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Plan_SkipInvalid_KeepsEverySkippedLineInInputOrderForCollect()
    {
        var input = Lines(["{not json", Line("a", "gpt-4o-mini"), Line("b", "no-such-model"), Line("c", "gpt-4o-mini"), Line("a", "gpt-4o-mini"), Line("d", "claude-haiku-4-5")]);

        var result = PlanPassThrough(input, new BatchPlanOptions { SkipInvalid = true });

        Assert.True(result.Accepted);
        var skipped = BatchSkippedLog.Read(result.Job!.Directory).ToList();
        Assert.Equal([1L, 3, 5, 6], skipped.Select(s => s.LineNumber));
        Assert.Equal([null, "b", "a", "d"], skipped.Select(s => s.CustomId));
        Assert.Equal(result.Issues.Select(i => i.Message), skipped.Select(s => s.Message));
    }

    [Fact]
    public void Plan_RefusedJob_LeavesNoSkippedLog()
    {
        var job = Job();

        var result = new BatchPlanner(OpenAI(BatchLimits.OpenAI), PriceBook.Default, ByteRatioTokenEstimator.Instance)
            .Plan(new MemoryStream(Lines(["{not json", Line("a", "gpt-4o-mini")])), job, _store, new BatchPlanOptions { SkipInvalid = true, MaxCostUsd = 0.0000001m });

        Assert.False(result.Accepted);
        Assert.Empty(BatchSkippedLog.Read(job.Directory));
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private BatchPlanResult Plan(byte[] input, BatchTarget target, BatchPlanOptions? options = null) =>
        new BatchPlanner(target, PriceBook.Default, TokenEstimator.Instance).Plan(new MemoryStream(input), Job(), _store, options ?? new BatchPlanOptions());

    private BatchPlanResult PlanPassThrough(byte[] input, BatchPlanOptions? options = null) =>
        new BatchPlanner(OpenAI(BatchLimits.OpenAI), PriceBook.Default, ByteRatioTokenEstimator.Instance).Plan(new MemoryStream(input), Job(), _store, options ?? new BatchPlanOptions());

    private BatchJob Job()
    {
        var id = "bj_" + Guid.NewGuid().ToString("N")[..8];
        return new BatchJob { Id = id, Provider = "openai", Fingerprint = id, Directory = Path.Combine(_directory, id), CreatedAt = DateTimeOffset.UnixEpoch };
    }

    private static BatchTarget OpenAI(BatchLimits limits) => new("openai", limits, BatchLineFormat.OpenAIBatch, OpenAIChatCodec.Instance, null);

    private static string Line(string id, string model) =>
        $$$"""{"custom_id":"{{{id}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"{{{model}}}","messages":[{"role":"user","content":"Hello there"}],"max_tokens":16}}""";

    private static byte[] Lines(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
}
