using System.Globalization;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Generation;

/// <summary>Decides the content of a response: a deterministic function of seed, model and conversation.</summary>
internal static class ResponsePlanner
{
    /// <summary>Plans the answer to <paramref name="request"/>.</summary>
    /// <param name="request">The validated request.</param>
    /// <param name="seed">Effective seed (scenario seed, else options seed).</param>
    /// <param name="options">Supplies the output length range.</param>
    /// <param name="overlapChars">For the <c>overlap</c> fault: how many trailing prefill chars to repeat; 0 for none.</param>
    public static ResponsePlan Plan(SimRequest request, int seed, SimulatorOptions options, int overlapChars = 0)
    {
        var conversation = request.Conversation;
        var seedText = seed.ToString(CultureInfo.InvariantCulture);
        var streamSeed = StableHash.Of(seedText, request.Model, conversation.Key, "deltas");
        if (request.MaxTokens == 0)
        {
            return new ResponsePlan(string.Empty, [], true, conversation.PromptTokens, 0, streamSeed) { NoContent = true };
        }

        // Thinking comes first and counts as output; the answer gets what it leaves of max tokens.
        var thinking = request.Thinking is { } config ? ThinkingAnswer.For(seed, request.Model, conversation.Key, config, request.MaxTokens, options) : null;
        var thinkingTokens = thinking?.Tokens ?? 0;
        var calls = ToolPlanner.Decide(request, seedText);
        if (calls.Count > 0)
        {
            var callTokens = calls.Sum(c => TokenCounter.Count(c.Name) + TokenCounter.Count(c.Arguments) + 3);
            return new ResponsePlan(string.Empty, calls, false, conversation.PromptTokens, thinkingTokens + callTokens, streamSeed, thinking);
        }

        var answer = Answer(seed, request, options);
        if (overlapChars > 0 && !string.IsNullOrEmpty(conversation.Prefill))
        {
            answer = string.Concat(conversation.Prefill.AsSpan(Math.Max(0, conversation.Prefill.Length - overlapChars)), answer);
        }

        var tokens = TokenCounter.Count(answer);
        var room = request.MaxTokens - thinkingTokens;
        var truncated = room is { } max && tokens > max;
        if (truncated)
        {
            answer = TokenCounter.Truncate(answer, room!.Value);
            tokens = TokenCounter.Count(answer);
        }

        return new ResponsePlan(answer, [], truncated, conversation.PromptTokens, thinkingTokens + tokens, streamSeed, thinking);
    }

    /// <summary>The untruncated answer: the full text (prose, or JSON when a format asks for it), or what follows a trailing assistant prefill.</summary>
    private static string Answer(int seed, SimRequest request, SimulatorOptions options)
    {
        var (model, conversation) = (request.Model, request.Conversation);
        var full = request.Format.IsJson
            ? StructuredAnswer.For(seed, model, conversation.Key, request.Format)
            : SimulatedText.For(seed, model, conversation.Key, options.MinOutputTokens, options.MaxOutputTokens);
        var prefill = conversation.Prefill;
        if (prefill is null)
        {
            return full;
        }

        if (full.StartsWith(prefill, StringComparison.Ordinal))
        {
            return full[prefill.Length..];
        }

        // A JSON document cannot continue arbitrary text and stay valid: the answer is the whole document.
        if (request.Format.IsJson)
        {
            return full;
        }

        // Not our own earlier output: continue it with fresh text that depends on the prefill too.
        var prng = new StablePrng(StableHash.Of(seed.ToString(CultureInfo.InvariantCulture), model, conversation.Key, "continuation", prefill));
        var length = prng.Next(options.MinOutputTokens, options.MaxOutputTokens);
        var leadingSpace = prefill.Length > 0 && !char.IsWhiteSpace(prefill[^1]);
        return TextGenerator.Generate(prng, length, leadingSpace);
    }
}
