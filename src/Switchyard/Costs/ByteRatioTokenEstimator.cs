using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>
/// A fast, deliberately high estimate of prompt tokens from UTF-8 byte counts: text bytes divided by
/// <see cref="BytesPerToken"/> plus the same per-message overheads as <see cref="TokenEstimator"/>. o200k and cl100k
/// average about 4 bytes per token on English and about 3 on CJK, so dividing by 3 over-estimates rather than
/// under-estimates a cost bound. Used where tokenizing every request would be the bottleneck (planning a batch of
/// gigabytes); settlement always uses the provider's usage. Thread-safe and stateless.
/// </summary>
public sealed class ByteRatioTokenEstimator : ITokenEstimator
{
    /// <summary>UTF-8 bytes counted as one token.</summary>
    public const int BytesPerToken = 3;

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
                bytes += Bytes(tool.Name) + Bytes(tool.Description) + (tool.Parameters is { } parameters ? parameters.GetRawText().Length : 0);
            }
        }

        if (request.ResponseFormat is { Schema: { } schema })
        {
            bytes += schema.GetRawText().Length;
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
                    bytes += opaque.Raw.GetRawText().Length;
                    break;
            }
        }

        return bytes;
    }

    private static long Bytes(string? text) => string.IsNullOrEmpty(text) ? 0 : System.Text.Encoding.UTF8.GetByteCount(text);
}
