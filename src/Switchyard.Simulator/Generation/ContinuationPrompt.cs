namespace Switchyard.Simulator.Generation;

/// <summary>
/// The user turn the gateway appends, after an assistant turn holding a partial answer, to continue a broken
/// generation on a model that rejects assistant prefill. A copy of the engine's
/// <c>Switchyard.Streaming.ContinuationPrompt.Text</c> (the simulator does not reference the engine); a test
/// keeps the two equal.
/// </summary>
internal static class ContinuationPrompt
{
    public const string Text = "Your previous reply was cut off. Continue exactly where it stopped: write only the text that comes next, without repeating anything.";
}
