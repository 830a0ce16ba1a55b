using System.Buffers;
using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Translation;

/// <summary>
/// Every recorded stream and body is decoded in its own format, translated into the other format, and decoded again:
/// no text, tool argument or usage number may be lost on the way.
/// </summary>
public sealed class CrossFormatFixtureTests
{
    public static TheoryData<string> OpenAIStreams =>
    [
        "openai/chat/node-stream-structured-output.sse",
        "openai/chat/node-stream-content-logprobs.sse",
        "openai/chat/node-stream-refusal-logprobs.sse",
        "openai/chat/vercel-azure-model-router.1.chunks.txt",
        "openai/chat/composum-tool-call-stream.chunks.txt",
        "openai/chat/dotnet-StreamingStructuredRefusalWorks.json",
    ];

    public static TheoryData<string> AnthropicStreams =>
    [
        "anthropic/messages/sdk-basic_response.txt",
        "anthropic/messages/sdk-tool_use_response.txt",
        "anthropic/messages/sdk-incomplete_partial_json_response.txt",
        "anthropic/messages/pydantic-thinking-part-stream.sse",
        "anthropic/messages/vercel-text.chunks.txt",
        "anthropic/messages/vercel-tool-no-args.chunks.txt",
        "anthropic/messages/vercel-json-tool.1.chunks.txt",
        "anthropic/messages/vercel-message-delta-input-tokens.chunks.txt",
        "anthropic/messages/vercel-duplicate-message-start.chunks.txt",
        "anthropic/messages/vercel-refusal.chunks.txt",
    ];

    public static TheoryData<string> OpenAIBodies => ["openai/chat/vercel-openai-text.json", "openai/chat/dotnet-ParallelToolCalls.json", "openai/chat/dotnet-HelloWorldChat-ratelimit-headers.json"];

    public static TheoryData<string> AnthropicBodies =>
    [
        "anthropic/messages/vercel-text.json",
        "anthropic/messages/vercel-tool-no-args.json",
        "anthropic/messages/vercel-json-tool.1.json",
        "anthropic/messages/vercel-refusal.json",
    ];

    [Theory]
    [MemberData(nameof(OpenAIStreams))]
    public void OpenAIStream_TranslatedToAnthropicAndBack_LosesNothing(string fixture) =>
        AssertRoundTrip(fixture, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance);

    [Theory]
    [MemberData(nameof(AnthropicStreams))]
    public void AnthropicStream_TranslatedToOpenAIAndBack_LosesNothing(string fixture) =>
        AssertRoundTrip(fixture, AnthropicMessagesCodec.Instance, OpenAIChatCodec.Instance);

    [Theory]
    [MemberData(nameof(OpenAIBodies))]
    public void OpenAIBody_TranslatedToAnthropicAndBack_LosesNothing(string fixture) =>
        AssertBodyRoundTrip(fixture, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance);

    [Theory]
    [MemberData(nameof(AnthropicBodies))]
    public void AnthropicBody_TranslatedToOpenAIAndBack_LosesNothing(string fixture) =>
        AssertBodyRoundTrip(fixture, AnthropicMessagesCodec.Instance, OpenAIChatCodec.Instance);

    private static void AssertRoundTrip(string fixture, IWireCodec source, IWireCodec target)
    {
        var original = Decode(source, Read(fixture));
        var encoder = target.CreateStreamEncoder(new ChatRequest { Model = "m", Messages = [], Stream = true, IncludeUsage = true });
        var wire = new ArrayBufferWriter<byte>();
        foreach (var e in original)
        {
            encoder.Encode(e, wire);
        }

        var translated = Decode(target, RecordedTraffic.ParseSse(wire.WrittenSpan.ToArray()));
        var before = StreamSummary.Of(original);
        var after = StreamSummary.Of(translated);

        Assert.NotEqual("", before.Text + before.Refusal + string.Concat(before.ToolCalls.Select(c => c.Arguments)) + before.Finish);
        Assert.Equal(before.Text, after.Text);
        Assert.Equal(before.Refusal, after.Refusal);
        Assert.Equal(before.ToolCalls, after.ToolCalls);
        Assert.Equal(before.Finish, after.Finish);
        AssertSameUsage(before.Usage, after.Usage);
        Assert.Equal(before.Failed, after.Failed);
        Assert.Equal(before.Ended, after.Ended);
    }

    private static void AssertBodyRoundTrip(string fixture, IWireCodec source, IWireCodec target)
    {
        var read = source.ReadResponse(ReadBody(fixture));
        Assert.True(read.IsSuccess, read.Failure?.Message);
        var translated = target.ReadResponse(target.WriteResponse(read.Value));
        Assert.True(translated.IsSuccess, translated.Failure?.Message);
        var before = StreamSummary.Of(read.Value);
        var after = StreamSummary.Of(translated.Value);

        Assert.Equal(before.Text, after.Text);
        Assert.Equal(before.Refusal, after.Refusal);
        Assert.Equal(before.ToolCalls.Select(c => (c.Id, c.Name, Canonical(c.Arguments))), after.ToolCalls.Select(c => (c.Id, c.Name, Canonical(c.Arguments))));
        Assert.Equal(before.Finish, after.Finish);
        AssertSameUsage(before.Usage, after.Usage);
    }

    private static void AssertSameUsage(TokenUsage? before, TokenUsage? after)
    {
        // Anthropic's message_delta always carries usage: where the source had none, zeros stand in (nothing invented).
        if (before is null)
        {
            Assert.True(after is null || after.Value == default, $"usage appeared from nowhere: {after}");
            return;
        }

        Assert.NotNull(after);
        if (before is { } b && after is { } a)
        {
            Assert.Equal((b.InputTokens, b.OutputTokens, b.CachedInputTokens, b.CacheWriteTokens), (a.InputTokens, a.OutputTokens, a.CachedInputTokens, a.CacheWriteTokens));
        }
    }

    private static List<StreamEvent> Decode(IWireCodec codec, IReadOnlyList<(string EventType, byte[] Data)> events)
    {
        var decoder = codec.CreateStreamDecoder();
        var output = new List<StreamEvent>();
        foreach (var (type, data) in events)
        {
            decoder.Decode(type, data, output);
        }

        decoder.Complete(output);
        return output;
    }

    private static IReadOnlyList<(string EventType, byte[] Data)> Read(string fixture) =>
        fixture.EndsWith(".json", StringComparison.Ordinal) ? RecordedTraffic.HttpRecordStream(fixture) : RecordedTraffic.Events(fixture);

    private static byte[] ReadBody(string fixture)
    {
        var bytes = File.ReadAllBytes(RecordedTraffic.PathOf(fixture));
        using var document = JsonDocument.Parse(bytes);
        if (!document.RootElement.TryGetProperty("Entries", out var entries))
        {
            return bytes;
        }

        // http-record: the first entry's JSON response body.
        return JsonSerializer.SerializeToUtf8Bytes(entries[0].GetProperty("ResponseBody"));
    }

    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json.Length == 0 ? "{}" : json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
