using System.Text.Json;
using Switchyard.Model;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed class ContinuationPlannerTests
{
    private static ChatRequest Original(int? maxTokens = 1000, ResponseFormat? format = null) => new()
    {
        Model = "claude-sonnet-4-5",
        Messages = [ChatMessage.FromText(ChatRole.System, "Be brief."), ChatMessage.FromText(ChatRole.User, "Tell me a story.")],
        MaxOutputTokens = maxTokens,
        ResponseFormat = format,
        Stream = true,
        Tools = [new ToolDefinition("lookup", null, null)],
    };

    [Fact]
    public void Plan_Prefill_AppendsTheTrimmedPartialAnswer()
    {
        var plan = ContinuationPlanner.Plan(Original(), "Once upon a time \n", 120, ContinuationStyle.Prefill)!;

        Assert.Equal(3, plan.Request.Messages.Count);
        var last = plan.Request.Messages[^1];
        Assert.Equal(ChatRole.Assistant, last.Role);
        Assert.Equal("Once upon a time", last.Text);
        Assert.Equal(" \n", plan.TrimmedWhitespace);
        Assert.Equal(880, plan.Request.MaxOutputTokens);
        Assert.True(plan.Request.Stream);
        Assert.Equal(Original().Tools, plan.Request.Tools);
    }

    [Fact]
    public void Plan_ContinuationTurn_AppendsTheAnswerAndTheContinuePrompt()
    {
        var plan = ContinuationPlanner.Plan(Original(), "Once upon a time ", 10, ContinuationStyle.ContinuationTurn)!;

        Assert.Equal(4, plan.Request.Messages.Count);
        Assert.Equal(ChatRole.Assistant, plan.Request.Messages[2].Role);
        Assert.Equal("Once upon a time ", plan.Request.Messages[2].Text);
        Assert.Equal(ChatRole.User, plan.Request.Messages[3].Role);
        Assert.Equal(ContinuationPrompt.Text, plan.Request.Messages[3].Text);
        Assert.Equal(string.Empty, plan.TrimmedWhitespace);
        Assert.Equal(990, plan.Request.MaxOutputTokens);
    }

    [Theory]
    [InlineData(1000, 0, 1000)]
    [InlineData(1000, 999, 1)]
    [InlineData(1000, 1000, 1)]
    [InlineData(1000, 5000, 1)]
    [InlineData(null, 5000, null)]
    public void Plan_MaxOutputTokens_IsTheBudgetLeft(int? max, int used, int? expected)
    {
        var plan = ContinuationPlanner.Plan(Original(max), "partial", used, ContinuationStyle.Prefill)!;
        Assert.Equal(expected, plan.Request.MaxOutputTokens);
    }

    [Theory]
    [InlineData(ResponseFormatKind.JsonObject)]
    [InlineData(ResponseFormatKind.JsonSchema)]
    public void Plan_JsonOutput_CannotContinue(ResponseFormatKind kind)
    {
        var format = new ResponseFormat(kind, kind == ResponseFormatKind.JsonSchema ? JsonDocument.Parse("{}").RootElement : null);
        Assert.Null(ContinuationPlanner.Plan(Original(format: format), "{\"a\":", 5, ContinuationStyle.Prefill));
        Assert.Null(ContinuationPlanner.Plan(Original(format: format), "{\"a\":", 5, ContinuationStyle.ContinuationTurn));
    }

    [Fact]
    public void Plan_PlainTextFormat_CanContinue() =>
        Assert.NotNull(ContinuationPlanner.Plan(Original(format: new ResponseFormat(ResponseFormatKind.Text)), "x", 1, ContinuationStyle.Prefill));

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void Plan_NothingToContinueFrom_ReturnsNull(string partial)
    {
        Assert.Null(ContinuationPlanner.Plan(Original(), partial, 0, ContinuationStyle.Prefill));
        Assert.Null(ContinuationPlanner.Plan(Original(), partial, 0, ContinuationStyle.ContinuationTurn));
    }

    [Fact]
    public void Plan_ClientPrefilled_ExtendsTheLastAssistantTurn()
    {
        var original = Original() with
        {
            Messages = [ChatMessage.FromText(ChatRole.User, "List three colours."), ChatMessage.FromText(ChatRole.Assistant, "1.")],
        };

        var plan = ContinuationPlanner.Plan(original, " red\n2. ", 3, ContinuationStyle.Prefill)!;

        Assert.Equal(2, plan.Request.Messages.Count);
        Assert.Equal("1. red\n2.", plan.Request.Messages[^1].Text);
        Assert.Equal(" ", plan.TrimmedWhitespace);
    }

    [Theory]
    [InlineData(" blue", "blue")]
    [InlineData("blue", "blue")]
    [InlineData("2. blue", "blue")]
    public void CreateTrimmer_PartialEndingInSpace_NeitherDoublesNorDropsTheSpace(string continuation, string expected)
    {
        const string Partial = "1. red\n2. ";
        var plan = ContinuationPlanner.Plan(Original(), Partial, 3, ContinuationStyle.Prefill)!;
        Assert.Equal("1. red\n2.", plan.Request.Messages[^1].Text);

        var trimmer = plan.CreateTrimmer(Partial, new OverlapTrimmerOptions { MinOverlap = 2 });
        var released = trimmer.Push(continuation) + trimmer.Complete();

        Assert.Equal(expected, released);
        Assert.Equal("1. red\n2. blue", Partial + released);
    }

    [Fact]
    public void CreateTrimmer_ContinuationTurn_KeepsWhitespaceTheModelSaw()
    {
        var plan = ContinuationPlanner.Plan(Original(), "Done.\n", 3, ContinuationStyle.ContinuationTurn)!;
        var trimmer = plan.CreateTrimmer("Done.\n");
        Assert.Equal("\n## Next", trimmer.Push("\n## Next") + trimmer.Complete());
    }

    [Fact]
    public void CreateTrimmer_OtherPartialText_Throws()
    {
        var plan = ContinuationPlanner.Plan(Original(), "abc ", 3, ContinuationStyle.Prefill)!;
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.CreateTrimmer("abc"));
    }

    [Theory]
    [InlineData("anthropic", "claude-opus-4-6", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-sonnet-4-6", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-opus-4-8", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-opus-4-6-20260205", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-sonnet-4-7@20260401", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "anthropic.claude-opus-4-6-v1:0", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-opus-4-6[1m]", ContinuationStyle.ContinuationTurn)]
    [InlineData("Anthropic", "Claude-Sonnet-4-10", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-sonnet-5", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-haiku-5-0", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "claude-sonnet-4-5", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-sonnet-4-5-20250929", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-haiku-4-5", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-opus-4-1", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-opus-4-1-20250805", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-opus-4-20250514", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-sonnet-4-0", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-3-7-sonnet-20250219", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-3-5-haiku-latest", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-3-opus-20240229", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "anthropic.claude-3-5-sonnet-20240620-v1:0", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-2.1", ContinuationStyle.Prefill)]
    [InlineData("anthropic", "claude-next", ContinuationStyle.ContinuationTurn)]
    [InlineData("anthropic", "my-fine-tune", ContinuationStyle.ContinuationTurn)]
    [InlineData("openai", "gpt-5", ContinuationStyle.ContinuationTurn)]
    [InlineData("openai", "claude-3-opus", ContinuationStyle.ContinuationTurn)]
    [InlineData("openai-responses", "o3", ContinuationStyle.ContinuationTurn)]
    public void StyleFor_ProviderAndModel_PicksWhatTheModelAccepts(string provider, string model, ContinuationStyle expected) =>
        Assert.Equal(expected, ContinuationPlanner.StyleFor(provider, model));

    [Theory]
    [InlineData("claude-opus-4-6", "opus", 4, 6)]
    [InlineData("claude-opus-4-20250514", "opus", 4, 0)]
    [InlineData("claude-3-5-sonnet-20241022", "sonnet", 3, 5)]
    [InlineData("claude-3-haiku-20240307", "haiku", 3, 0)]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "sonnet", 4, 5)]
    [InlineData("claude-2.1", null, 2, 1)]
    public void ClaudeModelVersion_TryParse_ReadsFamilyAndVersion(string model, string? family, int major, int minor)
    {
        Assert.True(ClaudeModelVersion.TryParse(model, out var version));
        Assert.Equal(new ClaudeModelVersion(family, major, minor), version);
    }
}
