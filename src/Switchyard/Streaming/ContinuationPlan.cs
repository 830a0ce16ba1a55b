using Switchyard.Model;

namespace Switchyard.Streaming;

/// <summary>A request that continues a broken generation, from <see cref="ContinuationPlanner.Plan"/>.</summary>
/// <param name="Request">The request to send instead of the original.</param>
/// <param name="TrimmedWhitespace">
/// The whitespace a <see cref="ContinuationStyle.Prefill"/> cut from the end of the partial text (the API rejects a
/// final assistant turn that ends with whitespace); empty otherwise. The client already has it, the model does not, so
/// the continuation may or may not start by supplying it again: <see cref="CreateTrimmer"/> drops it if it does.
/// </param>
public sealed record ContinuationPlan(ChatRequest Request, string TrimmedWhitespace)
{
    /// <summary>
    /// The trimmer for this continuation's text: <paramref name="partialText"/> (everything the client received, trailing
    /// whitespace included) is the sent text, and <see cref="TrimmedWhitespace"/> is unseen by the model. With
    /// <c>"Hello "</c> sent and <c>"Hello"</c> prefilled, a continuation <c>" world"</c> releases <c>"world"</c> and a
    /// continuation <c>"world"</c> releases <c>"world"</c>: neither a doubled nor a missing space.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partialText"/> does not end with <see cref="TrimmedWhitespace"/>.</exception>
    public OverlapTrimmer CreateTrimmer(string partialText, OverlapTrimmerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(partialText);
        if (!partialText.EndsWith(TrimmedWhitespace, StringComparison.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(partialText), "The partial text must be the one the plan was made from.");
        }

        return new OverlapTrimmer(partialText, options, TrimmedWhitespace.Length);
    }
}
