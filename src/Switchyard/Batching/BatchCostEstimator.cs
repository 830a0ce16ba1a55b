using System.Buffers;
using System.Text.Json;
using Switchyard.Costs;
using Switchyard.Providers;

namespace Switchyard.Batching;

/// <summary>
/// The worst-case cost of a batch in a provider's own format, read once as it streams: an OpenAI batch input file (JSONL
/// of <c>{"custom_id","method","url","body"}</c>) or an Anthropic Message Batches create body
/// (<c>{"requests":[{"custom_id","params"}]}</c>). Each request counts at batch prices with every byte of it as prompt
/// (a token per byte, <see cref="ByteRatioTokenEstimator.BytesPerToken"/>: no tokenizer makes more of them) and its
/// output limit as output, so the sum is a bound that holds without parsing messages or tokenizing; it is what the gateway reserves against budgets before a batch
/// goes to the provider. Memory stays bounded by the longest JSON token whatever the size. Not thread-safe.
/// </summary>
/// <param name="prices">Batch prices come from here; requests of models it does not know count as free.</param>
/// <param name="defaultMaxOutputTokens">The output assumed for a request that names no limit.</param>
public sealed class BatchCostEstimator(PriceBook prices, int defaultMaxOutputTokens)
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Estimates an OpenAI batch input file (JSONL).</summary>
    /// <exception cref="JsonException">The file is not a sequence of JSON values.</exception>
    public Task<BatchCostEstimate> EstimateOpenAIInputFileAsync(Stream jsonl, CancellationToken cancellationToken) =>
        EstimateAsync(jsonl, new Scan(prices, defaultMaxOutputTokens, requestDepth: 0, "body"u8.ToArray()), cancellationToken);

    /// <summary>Estimates an Anthropic Message Batches create body.</summary>
    /// <exception cref="JsonException">The body is not one JSON value.</exception>
    public Task<BatchCostEstimate> EstimateAnthropicCreateBodyAsync(Stream body, CancellationToken cancellationToken) =>
        EstimateAsync(body, new Scan(prices, defaultMaxOutputTokens, requestDepth: 2, "params"u8.ToArray()), cancellationToken);

    // Utf8JsonReader is a ref struct and cannot live across an await: each read of the stream is handed to the scan,
    // which reads every whole token in it and leaves the unfinished tail for the next read.
    private static async Task<BatchCostEstimate> EstimateAsync(Stream input, Scan scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = scan.RequestDepth == 0, MaxDepth = 256 });
        try
        {
            int length = 0;
            long offset = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    // One token is longer than the buffer (a long string): grow to hold it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await input.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                length += read;
                var final = read == 0;
                var consumed = scan.Feed(buffer.AsSpan(0, length), final, ref state, offset);
                if (final)
                {
                    return scan.Result();
                }

                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
                offset += consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private enum Field
    {
        None,
        Model,
        MaxOutput,
        Url,
    }

    /// <summary>
    /// The scan's state between reads. A request is the object at <see cref="RequestDepth"/> (0: each JSONL line; 2: each
    /// element of the top-level <c>requests</c> array); its request body is the object under the container property at the
    /// next depth (<c>body</c> or <c>params</c>), whose fields are one depth further down.
    /// </summary>
    private sealed class Scan(PriceBook prices, int defaultMaxOutputTokens, int requestDepth, byte[] container)
    {
        private bool _inRequests = requestDepth == 0;
        private bool _containerNext;
        private bool _inContainer;
        private Field _pending;
        private long _requestStart = -1;
        private string? _model;
        private int? _maxOutput;
        private bool _embeddings;

        private decimal _total;
        private long _requests;
        private string? _firstModel;
        private string? _priciestModel;
        private decimal _priciest = -1;
        private string? _unpricedModel;

        public int RequestDepth => requestDepth;

        public BatchCostEstimate Result() => new(_total, _requests, _priciestModel ?? _firstModel, _unpricedModel);

        /// <returns>The bytes read (whole tokens); the rest is read again with more data.</returns>
        public int Feed(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, long offset)
        {
            var reader = new Utf8JsonReader(data, final, state);
            while (reader.Read())
            {
                Token(ref reader, offset);
            }

            state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private void Token(ref Utf8JsonReader reader, long offset)
        {
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    _pending = Field.None;
                    if (requestDepth == 2 && depth == 1)
                    {
                        _inRequests = reader.ValueTextEquals("requests"u8);
                    }
                    else if (_requestStart >= 0 && depth == requestDepth + 1)
                    {
                        _containerNext = reader.ValueTextEquals(container);
                        _pending = reader.ValueTextEquals("url"u8) ? Field.Url : Field.None;
                    }
                    else if (_inContainer && depth == requestDepth + 2)
                    {
                        _pending = reader.ValueTextEquals("model"u8) ? Field.Model
                            : reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8) || reader.ValueTextEquals("max_output_tokens"u8) ? Field.MaxOutput
                            : Field.None;
                    }

                    return;
                case JsonTokenType.StartObject when _inRequests && depth == requestDepth:
                    StartRequest(offset + reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject when _containerNext && depth == requestDepth + 1:
                    _inContainer = true;
                    break;
                case JsonTokenType.EndObject when _inContainer && depth == requestDepth + 1:
                    _inContainer = false;
                    break;
                case JsonTokenType.EndObject when _requestStart >= 0 && depth == requestDepth:
                    EndRequest(offset + reader.TokenStartIndex + 1);
                    break;
                case JsonTokenType.EndArray when requestDepth == 2 && depth == 1:
                    _inRequests = false;
                    break;
                case JsonTokenType.String when _pending == Field.Model:
                    // The reader does not check string text; GetString would throw InvalidOperationException on invalid
                    // UTF-8 or a lone surrogate escape. Such a model name makes the input unreadable, as bad JSON does.
                    _model = JsonTextCheck.FindProblem(reader.ValueSpan) is { } problem
                        ? throw new JsonException($"A request's model cannot be read: {problem}.")
                        : reader.GetString();
                    break;
                case JsonTokenType.String when _pending == Field.Url:
                    _embeddings = reader.ValueTextEquals("/v1/embeddings"u8);
                    break;
                case JsonTokenType.Number when _pending == Field.MaxOutput:
                    // max_completion_tokens and max_tokens may both be set: the larger one bounds the output. A limit that is
                    // not a non-negative integer is the provider's to refuse; it counts as no limit here.
                    if (reader.TryGetInt32(out var limit) && limit >= 0)
                    {
                        _maxOutput = Math.Max(_maxOutput ?? 0, limit);
                    }

                    break;
            }

            _containerNext = _containerNext && reader.TokenType == JsonTokenType.PropertyName;
            _pending = Field.None;
        }

        private void StartRequest(long start)
        {
            _requestStart = start;
            _model = null;
            _maxOutput = null;
            _embeddings = false;
            _inContainer = false;
        }

        private void EndRequest(long end)
        {
            var bytes = end - _requestStart;
            _requestStart = -1;
            _requests++;
            _firstModel ??= _model;
            if (_model is null || prices.Find(_model) is not { } price)
            {
                _unpricedModel ??= _model ?? "(none)";
                return;
            }

            var input = (int)Math.Min(int.MaxValue, TokenEstimator.ReplyPriming + ((bytes + ByteRatioTokenEstimator.BytesPerToken - 1) / ByteRatioTokenEstimator.BytesPerToken));
            var output = _embeddings ? 0 : _maxOutput ?? defaultMaxOutputTokens;
            var cost = PriceBook.MaxCost(price, input, output, batch: true);
            _total += cost;
            if (cost > _priciest)
            {
                _priciest = cost;
                _priciestModel = _model;
            }
        }
    }
}
