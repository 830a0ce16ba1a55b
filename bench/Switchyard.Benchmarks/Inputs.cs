using System.Text;

namespace Switchyard.Benchmarks;

/// <summary>
/// The recorded traffic the benchmarks run on, read once at setup from <c>../shared/fixtures</c> next to the repository
/// (the folder holding <c>Switchyard.slnx</c>). When the fixtures are absent, synthetic inputs of the same shape and the
/// same event counts stand in, so that the per-event divisors (<c>OperationsPerInvoke</c>) stay right.
/// </summary>
public static class Inputs
{
    /// <summary>Frames in the OpenAI chat stream: 13 chunks (role, 10 content deltas, finish), the usage chunk and <c>[DONE]</c>.</summary>
    public const int OpenAIChatEvents = 14;

    /// <summary>Events of the long OpenAI stream: its 10 content deltas (events 1–10) eight times.</summary>
    public const int OpenAIChatLongEvents = OpenAIChatEvents + (7 * 10);

    /// <summary>Frames in the Anthropic stream: message_start, a thinking block and a text block, pings, message_delta, message_stop.</summary>
    public const int AnthropicEvents = 114;

    /// <summary>Events of the long Anthropic stream: its 91 text deltas (events 20–110) eight times.</summary>
    public const int AnthropicLongEvents = AnthropicEvents + (7 * 91);

    private const string OpenAIChatStreamFile = "openai/chat/node-stream-structured-output.sse";
    private const string AnthropicStreamFile = "anthropic/messages/pydantic-thinking-part-stream.sse";
    private const string OpenAIResponseFile = "openai/chat/vercel-openai-text.json";
    private const string AnthropicResponseFile = "anthropic/messages/vercel-text.json";

    private static readonly Lazy<string?> FixturesRoot = new(FindFixtures);

    /// <summary>Where the inputs came from, for the benchmark log.</summary>
    public static string Source => FixturesRoot.Value ?? "synthetic (fixtures not found)";

    /// <summary>A recorded OpenAI Chat Completions stream (gpt-4o, structured output, usage chunk, <c>[DONE]</c>).</summary>
    public static byte[] OpenAIChatStream() => Read(OpenAIChatStreamFile) ?? SyntheticOpenAIChatStream();

    /// <summary>A recorded Anthropic Messages stream (claude-sonnet-4, extended thinking then text, pings).</summary>
    public static byte[] AnthropicStream() => Read(AnthropicStreamFile) ?? SyntheticAnthropicStream();

    /// <summary>A recorded non-streaming OpenAI chat.completion (gpt-4.1-nano, ~2 KB of text, full usage).</summary>
    public static byte[] OpenAIResponse() => Read(OpenAIResponseFile) ?? Encoding.UTF8.GetBytes(SampleBodies.OpenAIResponse);

    /// <summary>A recorded non-streaming Anthropic message (claude-sonnet-4-5, one text block, full usage).</summary>
    public static byte[] AnthropicResponse() => Read(AnthropicResponseFile) ?? Encoding.UTF8.GetBytes(SampleBodies.AnthropicResponse);

    private static byte[]? Read(string relative) =>
        FixturesRoot.Value is { } root && File.Exists(Path.Combine(root, relative)) ? File.ReadAllBytes(Path.Combine(root, relative)) : null;

    private static string? FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
            {
                var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
                return Directory.Exists(fixtures) ? fixtures : null;
            }
        }

        return null;
    }

    private static byte[] SyntheticOpenAIChatStream()
    {
        const string head = "data: {\"id\":\"chatcmpl-synthetic0000000000000000\",\"object\":\"chat.completion.chunk\",\"created\":1723031664,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_845eaabc1f\",\"choices\":[";
        var sb = new StringBuilder();
        sb.Append(head).Append("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        for (var i = 0; i < 10; i++)
        {
            sb.Append(head).Append("{\"index\":0,\"delta\":{\"content\":\"word").Append(i).Append(" \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }

        sb.Append(head).Append("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        sb.Append(head).Append("],\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":10,\"total_tokens\":27}}\n\n");
        sb.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] SyntheticAnthropicStream()
    {
        var sb = new StringBuilder();
        void Frame(string type, string data) => sb.Append("event: ").Append(type).Append("\ndata: ").Append(data).Append("\n\n");
        Frame("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-20250514\",\"id\":\"msg_01Synthetic000000000000\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":43,\"output_tokens\":1}}}");
        Frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        Frame("ping", "{\"type\": \"ping\"}");

        // 114 frames in all: 3 above, 108 deltas, then block stop, message_delta, message_stop.
        for (var i = 0; i < AnthropicEvents - 6; i++)
        {
            Frame("content_block_delta", $"{{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\" word{i}\"}}}}");
        }

        Frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        Frame("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":300}}");
        Frame("message_stop", "{\"type\":\"message_stop\"}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
