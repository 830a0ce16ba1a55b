namespace Switchyard.Streaming;

/// <summary>
/// The user turn the gateway appends when it continues a broken generation on a model that rejects assistant prefill
/// (PROTOCOLS.md §4.7): the partial answer goes before it as an assistant turn. The simulator recognises this exact
/// text, so it must not change without changing the simulator's copy (a test compares them).
/// </summary>
public static class ContinuationPrompt
{
    /// <summary>The instruction text.</summary>
    public const string Text = "Your previous reply was cut off. Continue exactly where it stopped: write only the text that comes next, without repeating anything.";
}
