using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// OpenAI's reasoning effort, both ways: read from a client (Chat <c>reasoning_effort</c>, Responses
/// <c>reasoning.effort</c>), and written for a translated request only where the target accepts it.
/// </summary>
internal static class OpenAIReasoning
{
    private const string Supported = "'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'";

    /// <summary>Reads an effort string at <paramref name="param"/>; null when absent.</summary>
    public static JsonProblem? ReadEffort(JsonElement parent, string name, string param, out ReasoningRequest? reasoning)
    {
        reasoning = null;
        if (JsonRead.IsNullOrMissing(parent, name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return JsonProblem.WrongType(param, "a string", element);
        }

        var value = element.GetString();
        ReasoningEffort? effort = value switch
        {
            "none" => ReasoningEffort.None,
            "minimal" => ReasoningEffort.Minimal,
            "low" => ReasoningEffort.Low,
            "medium" => ReasoningEffort.Medium,
            "high" => ReasoningEffort.High,
            "xhigh" => ReasoningEffort.XHigh,
            _ => null,
        };
        if (effort is null)
        {
            return JsonProblem.BadValue(param, value, Supported);
        }

        reasoning = new ReasoningRequest(effort.Value);
        return null;
    }

    /// <summary>
    /// Whether a model is one of OpenAI's reasoning models: the o-series and GPT-5 (fine-tunes of them too), but not
    /// <c>gpt-5-chat-*</c>, a non-reasoning snapshot. They refuse <c>temperature</c>, <c>top_p</c> and the penalties.
    /// </summary>
    public static bool IsReasoningModel(string model)
    {
        model = BaseModel(model);
        if (model.StartsWith("gpt-5", StringComparison.Ordinal))
        {
            return !model.StartsWith("gpt-5-chat", StringComparison.Ordinal);
        }

        return model.Length >= 2 && model[0] == 'o' && char.IsAsciiDigit(model[1]);
    }

    /// <summary>Whether a model is one of OpenAI's that refuse a reasoning effort with a 400: GPT-3.5, GPT-4*, <c>gpt-5-chat-*</c>.</summary>
    public static bool RefusesEffort(string model)
    {
        model = BaseModel(model);
        return model.StartsWith("gpt-4", StringComparison.Ordinal) || model.StartsWith("gpt-3.5", StringComparison.Ordinal)
            || model.StartsWith("gpt-5-chat", StringComparison.Ordinal) || model.StartsWith("chatgpt-", StringComparison.Ordinal);
    }

    /// <summary>
    /// The effort to send, or null to send none:
    /// <list type="bullet">
    /// <item>None to a model that refuses it (<see cref="RefusesEffort"/>), and none when the client did not ask.</item>
    /// <item>To a reasoning model, <c>low</c>, <c>medium</c> or <c>high</c>, the values every one of them accepts:
    /// <c>minimal</c> goes out as <c>low</c>, Anthropic's <c>xhigh</c> and <c>max</c> as <c>high</c>. Thinking turned off
    /// sends nothing rather than <c>none</c>, which the o-series refuses; the model's default holds.</item>
    /// <item>To any other name (a compatible server, or a route name in the library's own round trip), the effort's own
    /// name, <c>max</c> as <c>xhigh</c>.</item>
    /// </list>
    /// </summary>
    public static string? EffortFor(ReasoningRequest? reasoning, string model)
    {
        if (reasoning is null || RefusesEffort(model))
        {
            return null;
        }

        if (IsReasoningModel(model))
        {
            return reasoning.Effort switch
            {
                ReasoningEffort.None => null,
                ReasoningEffort.Minimal or ReasoningEffort.Low => "low",
                ReasoningEffort.Medium => "medium",
                _ => "high",
            };
        }

        return reasoning.Effort switch
        {
            ReasoningEffort.None => "none",
            ReasoningEffort.Minimal => "minimal",
            ReasoningEffort.Low => "low",
            ReasoningEffort.Medium => "medium",
            ReasoningEffort.High => "high",
            _ => "xhigh",
        };
    }

    private static string BaseModel(string model) => model.StartsWith("ft:", StringComparison.Ordinal) ? model[3..] : model;
}
