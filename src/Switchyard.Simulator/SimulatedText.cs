using System.Globalization;
using System.Text.Json;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator;

/// <summary>
/// Computes what the simulator answers, without a server: tests use it to know the expected output.
/// </summary>
/// <remarks>
/// The answer is a pure function of (seed, model, conversation key, output length range). The key is
/// built from system text and each turn's role and text (see docs/simulator.md), identical for the same
/// conversation in OpenAI and Anthropic format; a trailing assistant message is not part of it but is
/// the prefill the answer continues. All members are thread-safe.
/// </remarks>
public static class SimulatedText
{
    private static readonly BoundedMemo<(int Seed, string Model, string ConversationKey, int Min, int Max), string> Answers = new(4096);

    /// <summary>
    /// The full (untruncated, uncontinued) answer text for a conversation.
    /// </summary>
    /// <param name="seed">Effective seed: the scenario's <c>seed</c>, else <see cref="SimulatorOptions.Seed"/>.</param>
    /// <param name="model">Model string exactly as sent in the request.</param>
    /// <param name="conversationKey">From <see cref="ConversationKey"/>.</param>
    /// <param name="minOutputTokens">Shortest answer in o200k tokens. The default is 100.</param>
    /// <param name="maxOutputTokens">Longest answer in o200k tokens. The default is 300.</param>
    public static string For(int seed, string model, string conversationKey, int minOutputTokens = 100, int maxOutputTokens = 300)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(conversationKey);
        // A pure function of its arguments, asked again for every repeat of a conversation: memoized (see TokenCounter).
        return Answers.Get((seed, model, conversationKey, minOutputTokens, maxOutputTokens), Generate);
    }

    private static string Generate((int Seed, string Model, string ConversationKey, int Min, int Max) ask)
    {
        var prng = new StablePrng(StableHash.Of(ask.Seed.ToString(CultureInfo.InvariantCulture), ask.Model, ask.ConversationKey));
        var length = prng.Next(ask.Min, Math.Max(ask.Min, ask.Max));
        return TextGenerator.Generate(prng, length, leadingSpace: false);
    }

    /// <summary>The canonical conversation key of a request body; the model is not part of it, so one dialogue gives one key in both formats.</summary>
    /// <exception cref="ArgumentException">The body is not a valid request; the message is the API's error message.</exception>
    public static string ConversationKey(SimulatorApi api, string requestJson) => Parse(api, requestJson).Conversation.Key;

    /// <summary>
    /// Predicts the response to a request body: continuation remainder, truncation at the request's max
    /// tokens, tool calls and usage, exactly as a fault-free simulator would send them. A body that asks for structured
    /// output (<c>response_format</c>, <c>text.format</c>, <c>output_config.format</c>) is answered with its JSON document.
    /// </summary>
    /// <param name="api">Which API the body is written for. For <see cref="SimulatorApi.OpenAIResponses"/> the finish
    /// reason is <c>completed</c>, <c>incomplete</c> (cut at <c>max_output_tokens</c>) or <c>tool_calls</c>, and a body with
    /// <c>previous_response_id</c> is rejected (the chain lives only in a running simulator).</param>
    /// <param name="requestJson">The request body.</param>
    /// <param name="seed">Effective seed: the scenario's <c>seed</c>, else <see cref="SimulatorOptions.Seed"/>.</param>
    /// <param name="options">Output length range; defaults when null (the seed in it is ignored).</param>
    /// <exception cref="ArgumentException">The body is not a valid request; the message is the API's error message.</exception>
    public static SimulatedAnswer Predict(SimulatorApi api, string requestJson, int seed, SimulatorOptions? options = null)
    {
        var request = Parse(api, requestJson);
        var plan = ResponsePlanner.Plan(request, seed, options ?? new SimulatorOptions());
        return new SimulatedAnswer(
            plan.Text,
            [.. plan.ToolCalls.Select(c => new SimulatedToolCall(c.Id, c.Name, c.Arguments))],
            api switch
            {
                SimulatorApi.AnthropicMessages => plan.AnthropicStopReason,
                SimulatorApi.OpenAIResponses => plan.IsToolCall ? "tool_calls" : plan.Truncated ? "incomplete" : "completed",
                _ => plan.OpenAIFinishReason,
            },
            plan.PromptTokens,
            plan.CompletionTokens)
        {
            Thinking = plan.Thinking?.Text,
        };
    }

    private static SimRequest Parse(SimulatorApi api, string requestJson)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(requestJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Invalid JSON: {e.Message}", nameof(requestJson), e);
        }

        using var _ = document;
        if (api == SimulatorApi.OpenAIResponses)
        {
            // No stored responses here: a body with previous_response_id is rejected as the server would reject an unknown id.
            var responses = ResponsesRequestParser.Parse(document.RootElement, null);
            return responses.Request?.Sim ?? throw new ArgumentException(responses.Error!.Message, nameof(requestJson));
        }

        var result = api == SimulatorApi.AnthropicMessages
            ? AnthropicRequestParser.Parse(document.RootElement)
            : OpenAIRequestParser.Parse(document.RootElement);
        return result.Request ?? throw new ArgumentException(result.Error!.Message, nameof(requestJson));
    }
}
