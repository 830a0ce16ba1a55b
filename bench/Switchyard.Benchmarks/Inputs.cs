namespace Switchyard.Benchmarks;

/// <summary>
/// The recorded traffic the benchmarks run on, read once at setup from the repository's <c>tests/fixtures</c> (above the
/// benchmark binaries, in the folder holding <c>Switchyard.slnx</c>). The event counts below are those of these files:
/// the per-event divisors (<c>OperationsPerInvoke</c>) rest on them.
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

    private static readonly Lazy<string> FixturesRoot = new(FindFixtures);

    /// <summary>Where the inputs came from, for the benchmark log.</summary>
    public static string Source => FixturesRoot.Value;

    /// <summary>A recorded OpenAI Chat Completions stream (gpt-4o, structured output, usage chunk, <c>[DONE]</c>).</summary>
    public static byte[] OpenAIChatStream() => Read(OpenAIChatStreamFile);

    /// <summary>A recorded Anthropic Messages stream (claude-sonnet-4, extended thinking then text, pings).</summary>
    public static byte[] AnthropicStream() => Read(AnthropicStreamFile);

    /// <summary>A recorded non-streaming OpenAI chat.completion (gpt-4.1-nano, ~2 KB of text, full usage).</summary>
    public static byte[] OpenAIResponse() => Read(OpenAIResponseFile);

    /// <summary>A recorded non-streaming Anthropic message (claude-sonnet-4-5, one text block, full usage).</summary>
    public static byte[] AnthropicResponse() => Read(AnthropicResponseFile);

    private static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(FixturesRoot.Value, relative));

    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures");
            }
        }

        throw new DirectoryNotFoundException($"Run the benchmarks from inside the repository (Switchyard.slnx not found above {AppContext.BaseDirectory}).");
    }
}
