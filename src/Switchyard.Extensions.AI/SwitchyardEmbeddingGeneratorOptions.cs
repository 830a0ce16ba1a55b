namespace Switchyard.Extensions.AI;

/// <summary>Who a <see cref="SwitchyardEmbeddingGenerator"/> speaks for, and its defaults.</summary>
public sealed record SwitchyardEmbeddingGeneratorOptions : SwitchyardCallerOptions
{
    /// <summary>
    /// The vector length asked for when <c>EmbeddingGenerationOptions.Dimensions</c> is not set; null (the default)
    /// leaves the model's own.
    /// </summary>
    public int? DefaultDimensions { get; init; }
}
