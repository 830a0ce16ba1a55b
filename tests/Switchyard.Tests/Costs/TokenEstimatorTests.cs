using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.Tests.Costs;

public sealed class TokenEstimatorTests
{
    private const string Sentence = "The quick brown fox jumps over the lazy dog, then files a cost report.";

    private static readonly TokenEstimator Estimator = TokenEstimator.Instance;

    private static ChatRequest Request(params ChatMessage[] messages) => new() { Model = "gpt-4o", Messages = messages };

    private static ChatRequest UserSays(string text) => Request(ChatMessage.FromText(ChatRole.User, text));

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-mini-2024-07-18", "o200k_base")]
    [InlineData("gpt-4.1-nano", "o200k_base")]
    [InlineData("gpt-5", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("ft:gpt-4o-mini:acme::abc", "o200k_base")]
    [InlineData("some-unknown-model", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    public void CountText_KnownString_MatchesModelEncoding(string model, string encoding)
    {
        var expected = TiktokenTokenizer.CreateForEncoding(encoding).CountTokens(Sentence);

        Assert.Equal(expected, TokenEstimator.CountText(Sentence, model));
    }

    [Fact]
    public void CountText_Encodings_DifferOnNonEnglishText()
    {
        const string text = "Привет, мир! Это проверка токенизатора для разных кодировок.";

        Assert.NotEqual(TokenEstimator.CountText(text, "gpt-4"), TokenEstimator.CountText(text, "gpt-4o"));
    }

    [Fact]
    public void EstimateInputTokens_OneMessage_IsContentPlusMessageAndPrimingOverhead()
    {
        var content = TokenEstimator.CountText(Sentence, "gpt-4o");

        Assert.Equal(content + 3 + 3, Estimator.EstimateInputTokens(UserSays(Sentence), "gpt-4o"));
    }

    [Fact]
    public void EstimateInputTokens_SystemAndNamedMessages_CountLikeMessagesPlusName()
    {
        var request = Request(
            ChatMessage.FromText(ChatRole.System, "Be brief."),
            ChatMessage.FromText(ChatRole.User, Sentence) with { Name = "alice" });
        var expected = 3
            + 3 + TokenEstimator.CountText("Be brief.", "gpt-4o")
            + 3 + TokenEstimator.CountText(Sentence, "gpt-4o") + 1 + TokenEstimator.CountText("alice", "gpt-4o");

        Assert.Equal(expected, Estimator.EstimateInputTokens(request, "gpt-4o"));
    }

    [Fact]
    public void EstimateInputTokens_EmptyConversation_IsPrimingOnly()
    {
        Assert.Equal(3, Estimator.EstimateInputTokens(Request(), "gpt-4o"));
    }

    [Fact]
    public void EstimateInputTokens_Images_AddFixedCostEach()
    {
        var image = new ImagePart { Url = "https://example.com/cat.png" };
        var request = Request(new ChatMessage(ChatRole.User, [new TextPart(Sentence), image, image]));

        var withImages = Estimator.EstimateInputTokens(request, "gpt-4o");

        Assert.Equal(Estimator.EstimateInputTokens(UserSays(Sentence), "gpt-4o") + (2 * 765), withImages);
    }

    [Fact]
    public void EstimateInputTokens_ToolDefinitions_CountNameDescriptionSchemaAndOverhead()
    {
        const string schema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";
        var tool = new ToolDefinition("get_weather", "Weather for a city.", JsonDocument.Parse(schema).RootElement);
        var request = UserSays(Sentence) with { Tools = [tool] };
        var expected = Estimator.EstimateInputTokens(UserSays(Sentence), "gpt-4o") + 10
            + TokenEstimator.CountText("get_weather", "gpt-4o")
            + TokenEstimator.CountText("Weather for a city.", "gpt-4o")
            + TokenEstimator.CountText(schema, "gpt-4o");

        Assert.Equal(expected, Estimator.EstimateInputTokens(request, "gpt-4o"));
    }

    [Fact]
    public void EstimateInputTokens_ToolCallsAndResults_CountNameArgumentsAndResultText()
    {
        const string args = """{"city":"Paris"}""";
        var request = Request(
            ChatMessage.FromText(ChatRole.User, Sentence),
            new ChatMessage(ChatRole.Assistant, [new ToolCallPart("call_1", "get_weather", args)]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("call_1", [new TextPart("Sunny, 24 °C")])]));
        var expected = Estimator.EstimateInputTokens(UserSays(Sentence), "gpt-4o")
            + 3 + TokenEstimator.CountText("get_weather", "gpt-4o") + TokenEstimator.CountText(args, "gpt-4o")
            + 3 + TokenEstimator.CountText("Sunny, 24 °C", "gpt-4o");

        Assert.Equal(expected, Estimator.EstimateInputTokens(request, "gpt-4o"));
    }

    [Fact]
    public void EstimateInputTokens_ClaudeModel_AppliesFactorToO200kCount()
    {
        var request = UserSays(string.Concat(Enumerable.Repeat(Sentence, 20)));
        var o200k = Estimator.EstimateInputTokens(request, "gpt-4o");

        var claude = Estimator.EstimateInputTokens(request, "claude-sonnet-4-5");

        Assert.Equal((int)Math.Ceiling(o200k * 1.2), claude);
        Assert.True(claude > o200k);
    }

    [Fact]
    public void EstimateInputTokens_LongerPrompt_NeverFewerTokens()
    {
        var previous = 0;
        for (var repeat = 1; repeat <= 30; repeat++)
        {
            var estimate = Estimator.EstimateInputTokens(UserSays(string.Concat(Enumerable.Repeat(Sentence, repeat))), "gpt-4o");

            Assert.True(estimate > previous, $"repeat {repeat}: {estimate} ≤ {previous}");
            previous = estimate;
        }
    }

    [Fact]
    public async Task EstimateInputTokens_ParallelCalls_AgreeWithSequential()
    {
        var request = UserSays(Sentence);
        var expected = Estimator.EstimateInputTokens(request, "gpt-4o");

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => Estimator.EstimateInputTokens(request, "gpt-4o"))));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
