using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>Reasoning: <c>thinking</c> and <c>output_config.effort</c> as one canonical <see cref="ReasoningRequest"/>.</summary>
internal static partial class AnthropicRequestReader
{
    /// <summary><c>thinking</c> as a canonical reasoning request; null when absent.</summary>
    private static FieldError? ReadThinking(JsonElement root, int maxTokens, out ReasoningRequest? reasoning)
    {
        reasoning = null;
        if (!root.TryGet("thinking", out var thinking))
        {
            return null;
        }

        if (thinking.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject("thinking");
        }

        var error = RequireString(thinking, "thinking", "type", out var type);
        if (error is not null)
        {
            return error;
        }

        switch (type)
        {
            case "enabled":
                if (!thinking.TryGet("budget_tokens", out _))
                {
                    return FieldError.Required("thinking.budget_tokens");
                }

                if ((error = ReadInteger(thinking, "budget_tokens", 1024, out var budget)) is not null)
                {
                    return new FieldError("thinking.budget_tokens", error.Detail);
                }

                if (budget >= maxTokens)
                {
                    return new FieldError("max_tokens", "`max_tokens` must be greater than `thinking.budget_tokens`");
                }

                reasoning = new ReasoningRequest(ReasoningRequest.EffortOfBudget(budget!.Value), budget);
                return null;
            case "disabled":
                reasoning = new ReasoningRequest(ReasoningEffort.None);
                return null;
            case "adaptive":
                reasoning = new ReasoningRequest(ReasoningEffort.Medium, Adaptive: true);
                return null;
            default:
                return new FieldError("thinking.type", "Input should be 'enabled', 'disabled' or 'adaptive'");
        }
    }

    private static FieldError? ReadEffort(JsonElement config, out ReasoningEffort? effort)
    {
        effort = null;
        if (!config.TryGet("effort", out var element))
        {
            return null;
        }

        effort = element.ValueKind == JsonValueKind.String ? element.GetString() switch
        {
            "low" => ReasoningEffort.Low,
            "medium" => ReasoningEffort.Medium,
            "high" => ReasoningEffort.High,
            "xhigh" => ReasoningEffort.XHigh,
            "max" => ReasoningEffort.Max,
            _ => null,
        } : null;
        return effort is null ? new FieldError("output_config.effort", "Input should be 'low', 'medium', 'high', 'xhigh' or 'max'") : null;
    }

    /// <summary>
    /// One reasoning request from both fields: <c>output_config.effort</c> names the effort when given, the thinking
    /// budget stays as the client set it. Effort alone (thinking not set) asks for reasoning at that effort.
    /// </summary>
    private static ReasoningRequest? CombineReasoning(ReasoningRequest? thinking, ReasoningEffort? effort) => (thinking, effort) switch
    {
        (null, null) => null,
        (null, { } named) => new ReasoningRequest(named),
        ({ Enabled: false }, _) => thinking,
        (_, { } named) => thinking with { Effort = named },
        _ => thinking,
    };
}
