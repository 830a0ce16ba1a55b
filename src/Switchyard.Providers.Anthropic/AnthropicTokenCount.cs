using System.Text.Json;

namespace Switchyard.Providers.Anthropic;

/// <summary>The answer of <c>POST /v1/messages/count_tokens</c>: <c>{"input_tokens":N}</c> (PROTOCOLS.md §8).</summary>
internal static class AnthropicTokenCount
{
    public static byte[] Write(int inputTokens) =>
        AnthropicJson.Write(inputTokens, static (w, n) =>
        {
            w.WriteStartObject();
            w.WriteNumber("input_tokens", n);
            w.WriteEndObject();
        });

    public static int? Read(ReadOnlySpan<byte> body)
    {
        using var doc = AnthropicJson.TryParse(body, out _);
        return doc is { RootElement.ValueKind: JsonValueKind.Object } && doc.RootElement.TryGetInt32("input_tokens", out var tokens) && tokens >= 0
            ? tokens
            : null;
    }
}
