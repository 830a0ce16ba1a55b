using System.Text.Json;
using Switchyard.Failures;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The part every reader of an OpenAI answer shares (chat completion, response object, embeddings): the body is
/// untrusted, so text the parser would let through (invalid UTF-8, a lone surrogate escape) and text that is not JSON
/// are the provider's fault, described by the reader's own <c>malformed</c> failure, never an exception.
/// </summary>
internal static class AnswerBody
{
    public static CodecResult<T> Read<T>(ReadOnlyMemory<byte> body, Func<JsonElement, CodecResult<T>> readRoot, Func<string, Failure> malformed)
        where T : class
    {
        // Checked first: the parser lets such text through, and the first read of a string would throw.
        if (JsonTextCheck.FindProblem(body.Span) is { } textProblem)
        {
            return malformed(textProblem);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return readRoot(document.RootElement);
        }
        catch (JsonException ex)
        {
            return malformed($"the body is not valid JSON ({ex.Message})");
        }
    }
}
