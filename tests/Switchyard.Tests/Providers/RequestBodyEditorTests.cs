using System.Text;
using System.Text.Json;
using Switchyard.Providers;

namespace Switchyard.Tests.Providers;

public sealed class RequestBodyEditorTests
{
    private static ReadOnlyMemory<byte> Bytes(string json) => Encoding.UTF8.GetBytes(json);

    private static string Edit(string json, string? model, bool forceIncludeUsage = false) =>
        Encoding.UTF8.GetString(RequestBodyEditor.Edit(Bytes(json), model, forceIncludeUsage).Span);

    [Theory]
    [InlineData(8000, """{"type":"enabled","budget_tokens":4000}""")]
    [InlineData(4000, """{"type":"enabled","budget_tokens":3000}""")]
    [InlineData(1366, """{"type":"enabled","budget_tokens":1024}""")]
    [InlineData(1365, """{"type":"disabled"}""")]
    [InlineData(60, """{"type":"disabled"}""")]
    public void Edit_LowerOutputLimit_ThinkingBudgetFollowsOrThinkingStops(int max, string thinking)
    {
        const string body = """{"model":"claude-haiku-4-5","max_tokens":16000,"thinking":{"type":"enabled","budget_tokens":4000},"messages":[]}""";

        var edited = Encoding.UTF8.GetString(RequestBodyEditor.Edit(Bytes(body), null, forceIncludeUsage: false, max).Span);

        var expected = max > 4000 ? """{"type":"enabled","budget_tokens":4000}""" : thinking;
        Assert.Equal($$"""{"model":"claude-haiku-4-5","max_tokens":{{max}},"thinking":{{expected}},"messages":[]}""", edited);
    }

    [Theory]
    [InlineData("""{"type":"adaptive"}""")]
    [InlineData("""{"type":"disabled"}""")]
    [InlineData("""{"type":"enabled","budget_tokens":"lots"}""")]
    public void Edit_LowerOutputLimit_ThinkingWithoutABudgetToFit_Untouched(string thinking)
    {
        var body = $$"""{"max_tokens":16000,"thinking":{{thinking}}}""";

        var edited = Encoding.UTF8.GetString(RequestBodyEditor.Edit(Bytes(body), null, forceIncludeUsage: false, 100).Span);

        Assert.Equal($$"""{"max_tokens":100,"thinking":{{thinking}}}""", edited);
    }

    [Fact]
    public void Edit_ModelDiffers_SplicesOnlyTheModelValue()
    {
        const string body = """{"model":"alias","messages":[{"role":"user","content":"hi"}]}""";

        var edited = Edit(body, "gpt-4o");

        Assert.Equal("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""", edited);
    }

    [Fact]
    public void Edit_BodyWithUnusualFormatting_LeavesEveryOtherByteIdentical()
    {
        // Unknown fields, odd key order, whitespace, number spellings and escapes must all survive byte for byte.
        const string prefix = "{\n  \"x_vendor\" : {\"deep\": [1, 2.50, -0.0, 1e3, 1E-7]},\r\n\t\"temperature\":0.70 ,\n  \"model\" :   ";
        const string suffix = " ,\n  \"note\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/\",\n  \"max_tokens\": 100000000000000000000\n}\n";

        var edited = Edit(prefix + "\"alias\"" + suffix, "gpt-4o");

        Assert.Equal(prefix + "\"gpt-4o\"" + suffix, edited);
    }

    [Fact]
    public void Edit_NestedObjectsWithModelKeys_TouchesOnlyTheTopLevelModel()
    {
        const string before = """{"metadata":{"model":"alias"},"tools":[{"model":"alias","x":{"model":"alias"}}],"model":"alias","z":{"model":"alias"}}""";
        const string after = """{"metadata":{"model":"alias"},"tools":[{"model":"alias","x":{"model":"alias"}}],"model":"real","z":{"model":"alias"}}""";

        Assert.Equal(after, Edit(before, "real"));
    }

    [Fact]
    public void Edit_ModelKeyInsideAStringValue_IsNotMistakenForTheProperty()
    {
        const string body = """{"content":"\"model\":\"alias\"","model":"alias"}""";

        Assert.Equal("""{"content":"\"model\":\"alias\"","model":"real"}""", Edit(body, "real"));
    }

    [Fact]
    public void Edit_ModelNeedsJsonEscaping_WritesAValidStringThatReadsBackExactly()
    {
        const string model = "we\"ird\\model\n<&>é😀";

        var edited = Edit("""{"model":"alias","n":1}""", model);

        using var doc = JsonDocument.Parse(edited);
        Assert.Equal(model, doc.RootElement.GetProperty("model").GetString());
        Assert.EndsWith(""","n":1}""", edited, StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_ModelAlreadyEqual_ReturnsTheSameMemory()
    {
        var body = Bytes("""{"model":"gpt-4o","stream":true}""");

        var edited = RequestBodyEditor.Edit(body, "gpt-4o", forceIncludeUsage: false);

        Assert.True(edited.Equals(body));
    }

    [Fact]
    public void Edit_ModelEqualButEscapedDifferently_ReturnsTheSameMemory()
    {
        var body = Bytes("""{"model":"gpt\u002d4o"}""");

        var edited = RequestBodyEditor.Edit(body, "gpt-4o", forceIncludeUsage: false);

        Assert.True(edited.Equals(body));
    }

    [Fact]
    public void Edit_NullModelAndNoUsage_ReturnsTheSameMemory()
    {
        var body = Bytes("""{"model":"alias"}""");

        var edited = RequestBodyEditor.Edit(body, null, forceIncludeUsage: false);

        Assert.True(edited.Equals(body));
    }

    [Fact]
    public void Edit_BodyWithoutModel_DoesNotAddOne()
    {
        var body = Bytes("""{"messages":[]}""");

        var edited = RequestBodyEditor.Edit(body, "gpt-4o", forceIncludeUsage: false);

        Assert.True(edited.Equals(body));
    }

    [Fact]
    public void Edit_ModelIsNotAString_ReplacesItWithTheString()
    {
        Assert.Equal("""{"model":"gpt-4o"}""", Edit("""{"model":42}""", "gpt-4o"));
    }

    [Fact]
    public void Edit_StreamOptionsAbsent_InsertsThemAsTheFirstProperty()
    {
        const string body = "{ \"model\":\"m\",\n \"stream\": true }";

        Assert.Equal("{\"stream_options\":{\"include_usage\":true}, \"model\":\"m\",\n \"stream\": true }", Edit(body, null, forceIncludeUsage: true));
    }

    [Theory]
    [InlineData("{}", """{"stream_options":{"include_usage":true}}""")]
    [InlineData("{ \n }", "{\"stream_options\":{\"include_usage\":true} \n }")]
    public void Edit_EmptyObjectWithoutStreamOptions_InsertsWithoutATrailingComma(string body, string expected)
    {
        var edited = Edit(body, null, forceIncludeUsage: true);

        Assert.Equal(expected, edited);
        using var _ = JsonDocument.Parse(edited);
    }

    [Fact]
    public void Edit_StreamOptionsWithoutIncludeUsage_AddsIt()
    {
        var edited = Edit("""{"stream_options":{},"model":"m"}""", null, forceIncludeUsage: true);

        Assert.Equal("""{"stream_options":{"include_usage":true},"model":"m"}""", edited);
    }

    [Fact]
    public void Edit_StreamOptionsWithOtherFields_KeepsThemAndAddsIncludeUsage()
    {
        var edited = Edit("""{"model":"m","stream_options":{"include_obfuscation":false},"stream":true}""", null, forceIncludeUsage: true);

        using var doc = JsonDocument.Parse(edited);
        var options = doc.RootElement.GetProperty("stream_options");
        Assert.False(options.GetProperty("include_obfuscation").GetBoolean());
        Assert.True(options.GetProperty("include_usage").GetBoolean());
        Assert.StartsWith("""{"model":"m","stream_options":{""", edited, StringComparison.Ordinal);
        Assert.EndsWith("""},"stream":true}""", edited, StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_IncludeUsageFalse_SetsItTrue()
    {
        var edited = Edit("""{"stream_options":{"include_usage":false},"model":"m"}""", null, forceIncludeUsage: true);

        Assert.Equal("""{"stream_options":{"include_usage":true},"model":"m"}""", edited);
    }

    [Fact]
    public void Edit_StreamOptionsNull_ReplacesItWithIncludeUsage()
    {
        var edited = Edit("""{"model":"m","stream_options":null}""", null, forceIncludeUsage: true);

        Assert.Equal("""{"model":"m","stream_options":{"include_usage":true}}""", edited);
    }

    [Fact]
    public void Edit_IncludeUsageAlreadyTrue_ReturnsTheSameMemory()
    {
        var body = Bytes("""{"model":"m","stream_options": { "include_usage" : true }}""");

        var edited = RequestBodyEditor.Edit(body, "m", forceIncludeUsage: true);

        Assert.True(edited.Equals(body));
    }

    [Fact]
    public void Edit_IncludeUsageTrueAmongOtherOptions_ReturnsTheSameMemory()
    {
        var body = Bytes("""{"stream":true,"stream_options":{"extra":{"include_usage":false},"include_usage":true,"n":[1,2]},"model":"m"}""");

        var edited = RequestBodyEditor.Edit(body, "m", forceIncludeUsage: true);

        Assert.True(edited.Equals(body));
    }

    [Theory]
    [InlineData("""{"extra":{"include_usage":true}}""")]
    [InlineData("""{"include_usage":"true"}""")]
    [InlineData("""{"include_usage":1}""")]
    public void Edit_IncludeUsageNotTrueAtTheTopOfStreamOptions_SetsIt(string options)
    {
        var edited = Edit($$"""{"stream_options":{{options}}}""", null, forceIncludeUsage: true);

        using var doc = JsonDocument.Parse(edited);
        Assert.Equal(JsonValueKind.True, doc.RootElement.GetProperty("stream_options").GetProperty("include_usage").ValueKind);
    }

    [Fact]
    public void Edit_NestedStreamOptions_AreNotMistakenForTopLevelOnes()
    {
        var edited = Edit("""{"metadata":{"stream_options":{"include_usage":true}}}""", null, forceIncludeUsage: true);

        Assert.Equal("""{"stream_options":{"include_usage":true},"metadata":{"stream_options":{"include_usage":true}}}""", edited);
    }

    [Fact]
    public void Edit_ModelAndUsageTogether_AppliesBothEditsInOrder()
    {
        const string body = """{"model":"alias","stream":true,"stream_options":{"include_usage":false},"tail":[1.0]}""";

        var edited = Edit(body, "gpt-4o", forceIncludeUsage: true);

        Assert.Equal("""{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"tail":[1.0]}""", edited);
    }

    [Fact]
    public void Edit_ModelEditAndInsertedStreamOptions_ProduceValidJson()
    {
        var edited = Edit("""{"model":"alias","stream":true}""", "gpt-4o", forceIncludeUsage: true);

        Assert.Equal("""{"stream_options":{"include_usage":true},"model":"gpt-4o","stream":true}""", edited);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"model\"")]
    [InlineData("42")]
    public void Edit_BodyNotAnObject_Throws(string body)
    {
        Assert.Throws<ArgumentException>(() => RequestBodyEditor.Edit(Bytes(body), "m", forceIncludeUsage: true));
    }
}
