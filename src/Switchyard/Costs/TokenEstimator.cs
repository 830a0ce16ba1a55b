using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>
/// Counts prompt tokens with the model family's tiktoken encoding (PROTOCOLS.md §8) plus the OpenAI cookbook's chat
/// overheads. The result is an estimate for reservations; settlement always uses the provider's reported usage.
/// Thread-safe; the tokenizers are loaded once per process on first use, and the counts of long texts are cached
/// (<see cref="TokenCountCache"/>) because conversations are resent whole on every turn.
/// </summary>
public sealed class TokenEstimator : ITokenEstimator
{
    /// <summary>Tokens added per message for its role and separators (cookbook heuristic).</summary>
    public const int PerMessageOverhead = 3;

    /// <summary>Tokens added once for the priming of the assistant's reply (cookbook heuristic).</summary>
    public const int ReplyPriming = 3;

    /// <summary>Tokens added for a message's <see cref="ChatMessage.Name"/>.</summary>
    public const int PerNameOverhead = 1;

    /// <summary>Tokens added per tool definition on top of its serialized name, description and schema (undocumented; a guess).</summary>
    public const int PerToolOverhead = 10;

    /// <summary>
    /// Tokens charged per image. OpenAI bills a high-detail image as 85 + 170 per 512px tile after scaling to fit
    /// 2048×2048 and then 768px on the short side; a 1024×1024 image is 4 tiles = 765. The image size is unknown
    /// before decoding, so that typical value stands in for all images (Anthropic's ≈ width×height/750 is similar).
    /// </summary>
    public const int PerImage = 765;

    /// <summary>
    /// Multiplier applied to o200k counts for Claude models. There is no public tokenizer for Claude 3 and later;
    /// Anthropic's own counts (<c>/v1/messages/count_tokens</c>) run higher than o200k for English text, so this
    /// over-reserves a little rather than under-reserves. Used only for reservations; never for billing.
    /// </summary>
    public const double ClaudeFactor = 1.2;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    // 65,536 texts: about 4 MB of keys and counts, enough for the live conversations of a busy gateway.
    private static readonly TokenCountCache Texts = new(65_536);

    /// <summary>A shared instance; the type holds no state of its own.</summary>
    public static TokenEstimator Instance { get; } = new();

    /// <inheritdoc />
    public int EstimateInputTokens(ChatRequest request, string model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);

        var tokenizer = TokenizerFor(model);
        long total = ReplyPriming;
        foreach (var message in request.Messages)
        {
            total += PerMessageOverhead + (message.Name is null ? 0 : PerNameOverhead + Count(tokenizer, message.Name));
            total += CountParts(tokenizer, message.Content);
        }

        if (request.Tools is { Count: > 0 } tools)
        {
            foreach (var tool in tools)
            {
                total += PerToolOverhead + Count(tokenizer, tool.Name) + Count(tokenizer, tool.Description) + Count(tokenizer, tool.Parameters);
            }
        }

        if (request.ResponseFormat is { Schema: { } schema })
        {
            total += Count(tokenizer, schema);
        }

        if (IsClaude(model))
        {
            total = (long)Math.Ceiling(total * ClaudeFactor);
        }

        return (int)Math.Min(total, int.MaxValue);
    }

    /// <summary>The tokens of <paramref name="text"/> in <paramref name="model"/>'s encoding, without overheads or the Claude factor.</summary>
    public static int CountText(string text, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Count(TokenizerFor(model), text);
    }

    /// <summary>
    /// The input tokens of an embeddings request for <paramref name="model"/>: each text in the model's encoding (no
    /// chat overheads; embeddings have none), and each token-id input as its number of ids.
    /// </summary>
    public static int EstimateEmbeddingTokens(EmbeddingRequest request, string model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        var tokenizer = TokenizerFor(model);
        long total = 0;
        foreach (var input in request.Inputs)
        {
            total += input.Text is { } text ? Count(tokenizer, text) : input.TokenIds;
        }

        return (int)Math.Min(total, int.MaxValue);
    }

    private static long CountParts(Tokenizer tokenizer, IReadOnlyList<ContentPart> parts)
    {
        long total = 0;
        foreach (var part in parts)
        {
            total += part switch
            {
                TextPart text => Count(tokenizer, text.Text),
                ImagePart => PerImage,
                ToolCallPart call => Count(tokenizer, call.Name) + Count(tokenizer, call.ArgumentsJson),
                ToolResultPart result => CountParts(tokenizer, result.Content),
                ThinkingPart thinking => Count(tokenizer, thinking.Text),
                // A document's bytes are counted as text, as they were while documents were opaque blocks: a PDF's real
                // cost (text plus page images) is only known to the provider, and this errs high rather than low.
                FilePart file => Count(tokenizer, file.Text) + Count(tokenizer, file.Base64Data) + Count(tokenizer, file.Title) + Count(tokenizer, file.Context),
                OpaquePart opaque => Count(tokenizer, opaque.Raw),
                _ => 0,
            };
        }

        return total;
    }

    private static int Count(Tokenizer tokenizer, string? text) =>
        string.IsNullOrEmpty(text) ? 0
        : Texts.GetOrCount(tokenizer, Cl100k.IsValueCreated && ReferenceEquals(tokenizer, Cl100k.Value) ? 1 : 0, text);

    private static int Count(Tokenizer tokenizer, JsonElement? json) =>
        json is { ValueKind: not JsonValueKind.Undefined } element ? Count(tokenizer, element.GetRawText()) : 0;

    private static Tokenizer TokenizerFor(string model)
    {
        var name = model.StartsWith("ft:", StringComparison.Ordinal) ? model.AsSpan(3) : model.AsSpan();
        return IsCl100k(name) ? Cl100k.Value : O200k.Value;
    }

    // gpt-4 (not gpt-4o / gpt-4.x), gpt-3.5, Azure's gpt-35 and the embedding models (text-embedding-3-*, ada-002) use
    // cl100k; everything else, including unknown models and Claude, is counted with o200k.
    private static bool IsCl100k(ReadOnlySpan<char> model) =>
        model.SequenceEqual("gpt-4")
        || model.StartsWith("text-embedding-", StringComparison.Ordinal)
        || model.StartsWith("gpt-4-", StringComparison.Ordinal)
        || model.StartsWith("gpt-3.5", StringComparison.Ordinal)
        || model.StartsWith("gpt-35", StringComparison.Ordinal);

    private static bool IsClaude(string model) => model.StartsWith("claude", StringComparison.Ordinal);
}
