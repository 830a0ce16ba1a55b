using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>
/// A wire format that has a token-counting endpoint (PROTOCOLS.md §8): Anthropic <c>POST /v1/messages/count_tokens</c>
/// (<c>{"input_tokens":N}</c>) and OpenAI <c>POST /v1/responses/input_tokens</c>
/// (<c>{"object":"response.input_tokens","input_tokens":N}</c>). Both sides: a front door reads count requests and writes
/// counts; a provider is sent count requests and its counts are read. Stateless and thread-safe.
/// </summary>
public interface ITokenCountCodec : IWireCodec
{
    /// <summary>
    /// Parses and validates a client's count request: the format's request rules, except those about the output
    /// (Anthropic's required <c>max_tokens</c>), which a count does not have.
    /// </summary>
    CodecResult<ChatRequest> ReadCountRequest(ReadOnlyMemory<byte> body);

    /// <summary>
    /// Writes a canonical request as this format's count body for <paramref name="model"/>: only what shapes the prompt
    /// (system, messages or input, tools, tool choice, output format); no output limit, stream flag or sampling, which
    /// the count endpoints refuse.
    /// </summary>
    byte[] WriteCountRequest(ChatRequest request, string model);

    /// <summary>Writes a count as this format's answer.</summary>
    byte[] WriteCount(int inputTokens);

    /// <summary>Reads a provider's count answer; null when the body is not one.</summary>
    int? ReadCount(ReadOnlySpan<byte> body);
}
