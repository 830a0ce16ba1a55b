using System.Text;

namespace Switchyard.Simulator.Wire;

/// <summary>One complete SSE event as bytes, plus how many output tokens it carries (for pacing).</summary>
internal readonly record struct SseFrame(byte[] Bytes, int Tokens)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] Terminator = "\n\n"u8.ToArray();

    /// <summary><c>data: {json}\n\n</c> (OpenAI framing).</summary>
    public static SseFrame Data(byte[] json, int tokens = 0) => new([.. DataPrefix, .. json, .. Terminator], tokens);

    /// <summary><c>event: name\ndata: {json}\n\n</c> (Anthropic framing).</summary>
    public static SseFrame Event(string name, byte[] json, int tokens = 0) =>
        new([.. Encoding.UTF8.GetBytes($"event: {name}\n"), .. DataPrefix, .. json, .. Terminator], tokens);

    public override string ToString() => Encoding.UTF8.GetString(Bytes);
}
