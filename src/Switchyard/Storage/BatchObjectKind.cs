namespace Switchyard.Storage;

/// <summary>The kinds of provider object whose ownership <see cref="IBatchOwnership"/> tracks.</summary>
public enum BatchObjectKind
{
    /// <summary>An OpenAI file (batch input, output or error file).</summary>
    OpenAIFile,

    /// <summary>An OpenAI batch.</summary>
    OpenAIBatch,

    /// <summary>An Anthropic message batch.</summary>
    AnthropicBatch,
}
