using Microsoft.ML.Tokenizers;

namespace Switchyard.Simulator.Tests;

public sealed class SimulatedTextTests
{
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForModel("gpt-4o");

    [Fact]
    public void For_SameInputs_SameText()
    {
        Assert.Equal(SimulatedText.For(42, "gpt-4o", "k"), SimulatedText.For(42, "gpt-4o", "k"));
    }

    [Fact]
    public void For_DifferentSeedModelOrKey_DifferentText()
    {
        var baseline = SimulatedText.For(42, "gpt-4o", "k");
        Assert.NotEqual(baseline, SimulatedText.For(43, "gpt-4o", "k"));
        Assert.NotEqual(baseline, SimulatedText.For(42, "gpt-4o-mini", "k"));
        Assert.NotEqual(baseline, SimulatedText.For(42, "gpt-4o", "k2"));
    }

    [Fact]
    public void For_ManyKeys_LengthWithinBoundsAndEndsWithSentence()
    {
        for (var i = 0; i < 40; i++)
        {
            var text = SimulatedText.For(i, "gpt-4o", $"conversation {i}", 20, 60);
            var tokens = O200k.CountTokens(text);
            Assert.InRange(tokens, 20, 60);
            Assert.EndsWith(".", text, StringComparison.Ordinal);
            Assert.True(char.IsUpper(text[0]));
        }
    }

    [Fact]
    public void ConversationKey_SameDialogueInBothFormats_Equal()
    {
        var openAi = """
            {"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Weather?"}]},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{ \"city\": \"Paris\" }"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"sunny"},{"role":"user","content":"Thanks"}]}
            """;
        var anthropic = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"system":[{"type":"text","text":"Be brief."}],"messages":[{"role":"user","content":"Weather?"},
             {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},{"type":"text","text":"Thanks"}]}]}
            """;

        Assert.Equal(
            SimulatedText.ConversationKey(SimulatorApi.OpenAIChatCompletions, openAi),
            SimulatedText.ConversationKey(SimulatorApi.AnthropicMessages, anthropic));
    }

    [Fact]
    public void Predict_SameModelBothFormats_SameText()
    {
        var openAi = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hello", "gpt-4o"), 7);
        var anthropic = SimulatedText.Predict(SimulatorApi.AnthropicMessages, Requests.AnthropicChat("Hello", "claude-x"), 7);
        var key = SimulatedText.ConversationKey(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hello"));

        Assert.Equal(SimulatedText.For(7, "gpt-4o", key), openAi.Text);
        Assert.Equal(SimulatedText.For(7, "claude-x", key), anthropic.Text);
        Assert.Equal("stop", openAi.FinishReason);
        Assert.Equal("end_turn", anthropic.FinishReason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(101)]
    [InlineData(250)]
    public void Predict_PrefillIsPrefix_ReturnsExactRemainder(int cut)
    {
        var full = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Tell me"), 42).Text;
        var prefix = full[..Math.Min(cut, full.Length - 1)];

        var openAi = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIWithPrefill("Tell me", prefix), 42);

        Assert.Equal(full, prefix + openAi.Text);
        Assert.Equal("stop", openAi.FinishReason);
    }

    [Fact]
    public void Predict_AnthropicPrefillWithoutTrailingSpace_ReturnsExactRemainder()
    {
        var full = SimulatedText.Predict(SimulatorApi.AnthropicMessages, Requests.AnthropicChat("Tell me"), 42).Text;
        var cut = full.IndexOf(' ', 30);
        var prefix = full[..cut];

        var answer = SimulatedText.Predict(SimulatorApi.AnthropicMessages, Requests.AnthropicWithPrefill("Tell me", prefix), 42);

        Assert.StartsWith(" ", answer.Text, StringComparison.Ordinal);
        Assert.Equal(full, prefix + answer.Text);
    }

    [Fact]
    public void Predict_PrefillNotAPrefix_DeterministicFreshContinuation()
    {
        var body = Requests.OpenAIWithPrefill("Tell me", "Something else entirely");
        var first = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, body, 42).Text;

        Assert.Equal(first, SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, body, 42).Text);
        Assert.StartsWith(" ", first, StringComparison.Ordinal);
        Assert.NotEqual(first, SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIWithPrefill("Tell me", "Other words"), 42).Text);
    }

    [Fact]
    public void Predict_MaxTokensBelowLength_TruncatesAndFinishesWithLength()
    {
        var full = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hi"), 42).Text;
        var openAi = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hi", extra: ""","max_completion_tokens":12"""), 42);
        var anthropic = SimulatedText.Predict(SimulatorApi.AnthropicMessages, Requests.AnthropicChat("Hi", maxTokens: 12), 42);

        Assert.Equal("length", openAi.FinishReason);
        Assert.Equal(12, openAi.CompletionTokens);
        Assert.Equal(12, O200k.CountTokens(openAi.Text));
        Assert.StartsWith(openAi.Text, full, StringComparison.Ordinal);
        Assert.Equal("max_tokens", anthropic.FinishReason);
    }

    [Fact]
    public void Predict_ToolRequired_ArgumentsMatchSchema()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var tools = ""","tools":[{"type":"function","function":{"name":"get_weather","parameters":""" + Requests.WeatherSchema + """}}],"tool_choice":"required" """;
            var body = Requests.OpenAIChat("What now?", extra: tools);
            var answer = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, body, seed);

            var call = Assert.Single(answer.ToolCalls);
            Assert.Equal("get_weather", call.Name);
            Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
            Assert.Equal("tool_calls", answer.FinishReason);
            SchemaAssert.Valid(Requests.WeatherSchema, call.ArgumentsJson);
        }
    }

    [Fact]
    public void Predict_AutoWithTwoToolsNamed_TwoParallelCallsUnlessDisabled()
    {
        const string Tools = ""","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}]""";
        var parallel = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("use get_time and get_weather", extra: Tools), 1);
        var single = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("use get_time and get_weather", extra: Tools + ""","parallel_tool_calls":false"""), 1);

        Assert.Equal(["get_weather", "get_time"], parallel.ToolCalls.Select(c => c.Name));
        Assert.Single(single.ToolCalls);
    }

    [Fact]
    public void Predict_LastMessageIsToolResult_AnswersWithText()
    {
        var body = """
            {"model":"gpt-4o","tool_choice":"required","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
             "messages":[{"role":"user","content":"call f"},{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"42"}]}
            """;

        var answer = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, body, 42);

        Assert.Empty(answer.ToolCalls);
        Assert.NotEmpty(answer.Text);
    }

    [Fact]
    public void Predict_ImageInput_CountsFixedCost()
    {
        var withImage = """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}""";
        var without = """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"What is it?"}]}]}""";

        var difference = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, withImage, 1).PromptTokens
            - SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, without, 1).PromptTokens;

        Assert.InRange(difference, 85, 90);
    }

    [Fact]
    public void Predict_InvalidBody_ThrowsArgumentExceptionWithApiMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => SimulatedText.Predict(SimulatorApi.AnthropicMessages, """{"model":"claude-x","messages":[]}""", 1));
        Assert.Contains("max_tokens", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, "{not json", 1));
    }

    [Fact]
    public void Predict_SameRequestTwice_UsageStable()
    {
        var a = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hi"), 3);
        var b = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hi"), 3);
        Assert.Equal(a.PromptTokens, b.PromptTokens);
        Assert.Equal(O200k.CountTokens(a.Text), a.CompletionTokens);
    }
}
