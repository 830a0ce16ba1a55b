namespace Switchyard.Streaming;

/// <summary>How a broken generation is continued (PROTOCOLS.md §4.7).</summary>
public enum ContinuationStyle
{
    /// <summary>
    /// The partial answer is sent as the final assistant turn and the model carries on from its last character. Only the
    /// Anthropic Messages API on models before Claude Opus/Sonnet 4.6 supports it.
    /// </summary>
    Prefill,

    /// <summary>
    /// The partial answer is sent as an assistant turn followed by a user turn with <see cref="ContinuationPrompt.Text"/>.
    /// Works on every model; the model may repeat some of the partial answer, which <see cref="OverlapTrimmer"/> removes.
    /// </summary>
    ContinuationTurn,
}
