using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>
/// A fast upper bound of prompt tokens from UTF-8 byte counts: one token per text byte plus the same per-message
/// overheads as <see cref="TokenEstimator"/>. A byte-level BPE (o200k, cl100k) never yields more than one token per
/// UTF-8 byte, since every token stands for at least one byte, and text of digits and spaces does reach that (o200k
/// splits <c>"7 7 7"</c> into one token per byte), so no smaller ratio is a bound: 3 bytes a token was passed threefold.
/// Claude's tokenizer is unpublished; the same bound is assumed for it (a byte-level BPE, or a SentencePiece vocabulary
/// with byte fallback, cannot exceed a token per byte either). English averages about 4 bytes a token, so the bound is
/// about four times the usual count: the price of a worst case that holds, rather than of tokenizing every request
/// where that would be the bottleneck (planning a batch of gigabytes, docs/batches.md "Cost bound"). Settlement always
/// uses the provider's usage. Thread-safe and stateless.
/// </summary>
public sealed class ByteRatioTokenEstimator : ITokenEstimator
{
    /// <summary>UTF-8 bytes counted as one token: one, the most tokens a byte-level tokenizer can make of them.</summary>
    public const int BytesPerToken = 1;

    /// <summary>A shared instance.</summary>
    public static ByteRatioTokenEstimator Instance { get; } = new();

    /// <inheritdoc />
    public int EstimateInputTokens(ChatRequest request, string model)
    {
        ArgumentNullException.ThrowIfNull(request);
        long bytes = 0, overhead = TokenEstimator.ReplyPriming;
        foreach (var message in request.Messages)
        {
            overhead += TokenEstimator.PerMessageOverhead;
            bytes += Bytes(message.Name) + PartBytes(message.Content, ref overhead);
        }

        if (request.Tools is { Count: > 0 } tools)
        {
            foreach (var tool in tools)
            {
                overhead += TokenEstimator.PerToolOverhead;
                bytes += Bytes(tool.Name) + Bytes(tool.Description) + (tool.Parameters is { } parameters ? Bytes(parameters.GetRawText()) : 0);
            }
        }

        if (request.ResponseFormat is { Schema: { } schema })
        {
            bytes += Bytes(schema.GetRawText());
        }

        return (int)Math.Min(int.MaxValue, overhead + ((bytes + BytesPerToken - 1) / BytesPerToken));
    }

    private static long PartBytes(IReadOnlyList<ContentPart> parts, ref long overhead)
    {
        long bytes = 0;
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart text:
                    bytes += Bytes(text.Text);
                    break;
                case ImagePart:
                    overhead += TokenEstimator.PerImage;
                    break;
                case ToolCallPart call:
                    bytes += Bytes(call.Name) + Bytes(call.ArgumentsJson);
                    break;
                case ToolResultPart result:
                    bytes += PartBytes(result.Content, ref overhead);
                    break;
                case ThinkingPart thinking:
                    bytes += Bytes(thinking.Text);
                    break;
                case FilePart file:
                    bytes += Bytes(file.Text) + Bytes(file.Base64Data) + Bytes(file.Title) + Bytes(file.Context);
                    break;
                case OpaquePart opaque:
                    bytes += Bytes(opaque.Raw.GetRawText());
                    break;
            }
        }

        return bytes;
    }

    // UTF-8 bytes, not UTF-16 characters: JSON text with CJK or emoji is two to four bytes a character, and a token
    // per byte is the bound.
    private static long Bytes(string? text) => string.IsNullOrEmpty(text) ? 0 : System.Text.Encoding.UTF8.GetByteCount(text);
}
