using System.Buffers;
using System.Text.Json;
using Switchyard.Costs;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Batching;

/// <summary>
/// Reads a job's input once, streamed: validates every line (envelope, body, model and price, custom_id uniqueness
/// through <see cref="CustomIdCheck"/>), assigns missing custom_ids (<c>line-N</c>), estimates the worst-case cost at
/// batch prices, and writes provider-compliant chunk files and the <see cref="BatchPlacementLog"/> as it goes. The job
/// is recorded only when every line is valid (or <see cref="BatchPlanOptions.SkipInvalid"/>) and the estimate is within
/// the bound; otherwise nothing is kept. Memory stays bounded by the longest line plus fixed buffers whatever the input
/// size. Not thread-safe.
/// </summary>
public sealed class BatchPlanner
{
    private readonly BatchTarget _target;
    private readonly PriceBook _prices;
    private readonly ITokenEstimator _estimator;

    /// <summary>Creates a planner for one provider target.</summary>
    public BatchPlanner(BatchTarget target, PriceBook prices, ITokenEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(estimator);
        _target = target;
        _prices = prices;
        _estimator = estimator;
    }

    /// <summary>Plans <paramref name="job"/> from <paramref name="input"/> into <see cref="BatchJob.Directory"/> and records it in <paramref name="store"/>.</summary>
    public BatchPlanResult Plan(Stream input, BatchJob job, IBatchJobStore store, BatchPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);

        using var session = store.BeginPlan(job with { MaxCostUsd = options.MaxCostUsd });
        using var writer = new BatchChunkWriter(job.Directory, job.Id, round: 0, _target.Limits, firstChunkId: 1);
        using var log = new BatchPlacementLog(job.Directory);
        using var skipped = new BatchSkippedLog(job.Directory);
        using var pass = new Pass(this, options, writer, log, options.SkipInvalid ? skipped : null);
        using var ahead = new ReadAheadStream(input);
        using var reader = new JsonlLineReader(ahead);
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            if (tooLong)
            {
                pass.Report(reader.LineNumber, "the line is longer than the 64 MB a line may be");
            }
            else if (!IsBlank(line.Span))
            {
                pass.Line(reader.LineNumber, line);
            }
        }

        pass.ResolveHeld();
        var overBound = options.MaxCostUsd is { } max && pass.EstimatedCostUsd > max;
        var accepted = !overBound && pass.ValidLines > 0 && (pass.InvalidLines == 0 || options.SkipInvalid);
        var result = new BatchPlanResult
        {
            Accepted = accepted,
            Lines = pass.ValidLines + pass.InvalidLines,
            Bytes = reader.BytesRead,
            Issues = pass.Issues,
            InvalidLines = pass.InvalidLines,
            EstimatedCostUsd = pass.EstimatedCostUsd,
            OverCostBound = overBound,
        };
        if (!accepted)
        {
            writer.Abandon();
            log.Abandon();
            skipped.Abandon();
            return result;
        }

        var chunks = writer.Finish();
        log.Complete();
        skipped.Complete();
        foreach (var chunk in chunks)
        {
            session.AddChunk(chunk);
        }

        session.Commit(pass.EstimatedCostUsd, pass.ValidLines);
        return result with
        {
            Job = job with { MaxCostUsd = options.MaxCostUsd, EstimatedCostUsd = pass.EstimatedCostUsd, Lines = pass.ValidLines },
            Chunks = chunks,
        };
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <summary>
    /// The state of one planning pass over the input. Skipped lines go to <c>skipped</c> for <c>collect</c>; it is null
    /// when invalid lines refuse the job.
    /// </summary>
    private sealed class Pass(BatchPlanner planner, BatchPlanOptions options, BatchChunkWriter writer, BatchPlacementLog log, BatchSkippedLog? skipped) : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
        private readonly List<BatchLineIssue> _issues = [];
        private readonly OpenAIBodyScanner _scanner = new();
        private readonly CustomIdCheck _ids = new();
        private Utf8JsonWriter? _json;

        /// <summary>The issues found, in input order (a duplicate is found when held lines are resolved, after later lines).</summary>
        public IReadOnlyList<BatchLineIssue> Issues => _issues.OrderBy(i => i.LineNumber).ToList();

        public long InvalidLines { get; private set; }

        public long ValidLines { get; private set; }

        public decimal EstimatedCostUsd { get; private set; }

        public void Dispose() => _json?.Dispose();

        public void Report(long lineNumber, string message, string? customId = null, bool late = false)
        {
            InvalidLines++;
            if (skipped is not null)
            {
                var line = new BatchSkippedLine(lineNumber, customId, message);
                if (late)
                {
                    skipped.AppendLate(line);
                }
                else
                {
                    skipped.Append(line);
                }
            }

            if (_issues.Count < options.MaxReportedIssues)
            {
                _issues.Add(new BatchLineIssue(lineNumber, message));
            }
        }

        public void Line(long lineNumber, ReadOnlyMemory<byte> line)
        {
            var passThrough = PassThrough;
            if (BatchInputLine.TryParse(line.Span, out var envelope, passThrough ? _readBody ??= ScanBody : null) is { } envelopeError)
            {
                Report(lineNumber, envelopeError);
                return;
            }

            var target = planner._target;
            var body = line.Slice(envelope.BodyStart, envelope.BodyLength);
            var lineId = envelope.CustomId ?? BatchInputLine.DefaultCustomId(lineNumber);
            if ((passThrough ? Scanned() : Parse(body)) is not { } facts)
            {
                Report(lineNumber, $"body: {_problem}", lineId);
                return;
            }

            if (facts.Stream)
            {
                Report(lineNumber, "body: batch requests cannot stream (remove \"stream\": true)", lineId);
                return;
            }

            var model = options.Model ?? facts.Model;
            if (planner._prices.Find(model) is not { } price)
            {
                Report(lineNumber, $"body: unknown model '{model}' (no batch price for it)", lineId);
                return;
            }

            if (BatchModelOwner.Mismatch(model, target.Provider, options.ModelProviders, options.Model is not null) is { } wrongProvider)
            {
                Report(lineNumber, $"body: {wrongProvider}", lineId);
                return;
            }

            var customId = lineId;
            if (target.Format == BatchLineFormat.AnthropicBatch && !BatchInputLine.IsAnthropicCustomId(customId))
            {
                Report(lineNumber, $"custom_id '{customId}' is not 1-64 characters of letters, digits, '_' or '-' (Anthropic's rule)", customId);
                return;
            }

            var maxOutput = facts.MaxOutputTokens ?? options.DefaultMaxOutputTokens;
            var inputTokens = facts.InputTokens ?? planner._estimator.EstimateInputTokens(_request!, model);
            var cacheWrite = _request is { } request ? CacheWrites.Of(request) : CacheWriteKind.None;
            var cost = PriceBook.MaxCost(price, inputTokens, maxOutput, batch: true, cacheWrite);
            var bytes = Write(customId, facts.MaxOutputTokens is not null, body, model);
            if (bytes.Length + 64 > target.Limits.MaxBytes)
            {
                Report(lineNumber, $"the request is {bytes.Length} bytes, more than a whole {target.Provider} batch may hold", customId);
                return;
            }

            if (_ids.IsCertainlyNew(customId))
            {
                Place(lineNumber, customId, model, bytes, cost);
            }
            else if (_ids.Hold(new CustomIdCheck.HeldLine(lineNumber, customId, model, cost), bytes))
            {
                ResolveHeld();
            }
        }

        /// <summary>Places or reports every line held for a custom_id check.</summary>
        public void ResolveHeld()
        {
            if (_ids.HasHeld)
            {
                _ids.Resolve(log, Decide);
            }
        }

        private void Decide(in CustomIdCheck.HeldLine line, ReadOnlySpan<byte> bytes, long? firstLine)
        {
            if (firstLine is { } first)
            {
                Report(line.LineNumber, $"duplicate custom_id '{line.CustomId}' (first on line {first})", line.CustomId, late: true);
            }
            else
            {
                Place(line.LineNumber, line.CustomId, line.Model, bytes, line.EstimatedCostUsd);
            }
        }

        private void Place(long lineNumber, string customId, string model, ReadOnlySpan<byte> bytes, decimal cost)
        {
            var (chunkId, offset) = writer.Append(planner._target.Limits.OneModelPerBatch ? model : string.Empty, bytes, cost);
            log.Append(new BatchLinePlacement(lineNumber, customId, chunkId, offset, bytes.Length, model, cost));
            ValidLines++;
            EstimatedCostUsd += cost;
        }

        /// <summary>The body parsed by <see cref="Parse"/> for the line in hand (null on the pass-through path).</summary>
        private ChatRequest? _request;

        private string? _problem;

        private BatchInputLine.BodyReader? _readBody;

        private OpenAIBodyFacts _scanned;

        /// <summary>
        /// Whether lines go to the provider as they came (an OpenAI target) and the estimate is the byte ratio: then one
        /// validating scan replaces building the canonical request, which would only be thrown away.
        /// </summary>
        private bool PassThrough => planner._target.OutputCodec is null && planner._estimator is ByteRatioTokenEstimator;

        /// <summary>Checks the body while the envelope is read (<see cref="BatchInputLine.BodyReader"/>): one pass per line.</summary>
        private bool ScanBody(ref Utf8JsonReader reader)
        {
            _problem = _scanner.Scan(ref reader, out _scanned);
            return _problem is null;
        }

        private LineFacts? Scanned()
        {
            _request = null;
            return _problem is null
                ? new LineFacts(_scanned.Model, _scanned.MaxOutputTokens, _scanned.Stream, _scanned.InputTokens)
                : null;
        }

        private LineFacts? Parse(ReadOnlyMemory<byte> body)
        {
            var parsed = planner._target.InputCodec.ReadRequest(body);
            if (!parsed.IsSuccess)
            {
                _request = null;
                _problem = parsed.Failure.Message;
                return null;
            }

            _request = parsed.Value;
            return new LineFacts(_request.Model, _request.MaxOutputTokens, _request.Stream, InputTokens: null);
        }

        private ReadOnlySpan<byte> Write(string customId, bool hasOutputLimit, ReadOnlyMemory<byte> body, string model)
        {
            _buffer.ResetWrittenCount();
            var target = planner._target;
            if (target.Format == BatchLineFormat.OpenAIBatch && target.OutputCodec is null && options.Model is null && hasOutputLimit
                && !customId.AsSpan().ContainsAnyExcept(PlainIdCharacters))
            {
                return WriteOpenAIAsItCame(customId, body.Span);
            }

            if (_json is null)
            {
                _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
            }
            else
            {
                _json.Reset(_buffer);
            }

            _json.WriteStartObject();
            _json.WriteString("custom_id"u8, customId);
            if (target.Format == BatchLineFormat.OpenAIBatch)
            {
                _json.WriteString("method"u8, "POST"u8);
                _json.WriteString("url"u8, "/v1/chat/completions"u8);
                _json.WritePropertyName("body"u8);
            }
            else
            {
                _json.WritePropertyName("params"u8);
            }

            if (target.OutputCodec is { } codec)
            {
                var upstream = new UpstreamRequestOptions(model, Stream: false) { DefaultMaxOutputTokens = options.DefaultMaxOutputTokens };
                _json.WriteRawValue(codec.WriteRequest(_request!, upstream), skipInputValidation: true);
            }
            else
            {
                var edited = options.Model is not null || !hasOutputLimit
                    ? RequestBodyEditor.Edit(body, options.Model, forceIncludeUsage: false, hasOutputLimit ? null : options.DefaultMaxOutputTokens)
                    : body;
                _json.WriteRawValue(edited.Span, skipInputValidation: true);
            }

            _json.WriteEndObject();
            _json.Flush();
            return _buffer.WrittenSpan;
        }

        /// <summary>
        /// The OpenAI line with the body as it came, put together byte by byte: the common case, and what
        /// <see cref="Utf8JsonWriter"/> would write for a custom_id that needs no escaping, at a third of the cost.
        /// </summary>
        private ReadOnlySpan<byte> WriteOpenAIAsItCame(string customId, ReadOnlySpan<byte> body)
        {
            ReadOnlySpan<byte> head = "{\"custom_id\":\""u8;
            ReadOnlySpan<byte> middle = "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"u8;
            var line = _buffer.GetSpan(head.Length + customId.Length + middle.Length + body.Length + 1);
            head.CopyTo(line);
            var at = head.Length + System.Text.Encoding.ASCII.GetBytes(customId, line[head.Length..]);
            middle.CopyTo(line[at..]);
            at += middle.Length;
            body.CopyTo(line[at..]);
            at += body.Length;
            line[at++] = (byte)'}';
            _buffer.Advance(at);
            return _buffer.WrittenSpan;
        }
    }

    /// <summary>custom_id characters that are written as they are in a JSON string (no escaping, one byte each).</summary>
    private static readonly SearchValues<char> PlainIdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");
}
