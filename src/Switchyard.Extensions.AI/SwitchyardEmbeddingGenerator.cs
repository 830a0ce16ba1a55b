using Microsoft.Extensions.AI;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Model;

namespace Switchyard.Extensions.AI;

/// <summary>
/// The Switchyard engine as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: each call takes the path of the
/// gateway's <c>POST /v1/embeddings</c> — route plan (a route's OpenAI targets; Anthropic has no embeddings API), cost
/// admission and budgets, the attempt loop with retries, fallback, breakers, buckets and the retry budget, spend
/// settlement and metrics — in this process, without an HTTP hop. Failures throw <see cref="SwitchyardException"/> with
/// the gateway's classification. Thread-safe; one instance serves any number of concurrent calls.
/// </summary>
/// <remarks>
/// One call is one upstream request: at most 2,048 inputs, none empty (the embeddings API's rules, checked before any
/// call). Vectors come back as the provider made them (OpenAI's are unit length).
/// </remarks>
public sealed class SwitchyardEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Func<ChatForwarder> _engine;
    private readonly SwitchyardEmbeddingGeneratorOptions _options;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>
    /// Creates a generator over the engine that <paramref name="engine"/> returns at each call (so a configuration reload
    /// applies to the next call, as in the gateway). <see cref="SwitchyardEngine.CreateEmbeddingGenerator"/> makes one.
    /// </summary>
    public SwitchyardEmbeddingGenerator(Func<ChatForwarder> engine, SwitchyardEmbeddingGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _options = options ?? new SwitchyardEmbeddingGeneratorOptions();
        _metadata = new EmbeddingGeneratorMetadata("switchyard", null, _options.DefaultModelId, _options.DefaultDimensions);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">No model is named (neither <c>options.ModelId</c> nor the default).</exception>
    /// <exception cref="SwitchyardException">The engine could not serve the call: an input the API refuses, an unknown model, a model with no embeddings API, a refused budget, every target failed.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.Select(v => new EmbeddingInput(v ?? throw new ArgumentException("A value to embed is null.", nameof(values)), 0)).ToArray();
        if (inputs.Length == 0)
        {
            return [];
        }

        var model = options?.ModelId ?? _options.DefaultModelId;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("No model to ask for: set EmbeddingGenerationOptions.ModelId, or DefaultModelId on the generator's options.", nameof(options));
        }

        var request = new EmbeddingRequest(model, inputs) { Dimensions = options?.Dimensions ?? _options.DefaultDimensions };
        var result = await InProcessEmbeddings.EmbedAsync(_engine(), request, _options.Caller, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (result is not { Answer: { } answer, Outcome: { ServedBy: { } servedBy } outcome })
        {
            throw new SwitchyardException(result.Failure ?? new Failure(FailureKind.ServerError, "The engine answered without saying who served it."));
        }

        var modelId = answer.Model ?? servedBy.Model;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(answer.Vectors.Select(v => new Embedding<float>(v) { ModelId = modelId }))
        {
            AdditionalProperties = ResponseMapping.Properties(servedBy, outcome.CostUsd),
        };
        if ((outcome.Usage ?? answer.Usage) is { } usage)
        {
            embeddings.Usage = new UsageDetails { InputTokenCount = usage.InputTokens, TotalTokenCount = usage.InputTokens };
        }

        return embeddings;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the engine belongs to whoever created it (<see cref="SwitchyardEngine"/>).</summary>
    public void Dispose()
    {
    }
}
