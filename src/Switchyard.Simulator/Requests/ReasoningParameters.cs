using System.Globalization;
using System.Text.Json;

namespace Switchyard.Simulator.Requests;

/// <summary>
/// What OpenAI refuses about reasoning, in its wording (PROTOCOLS §1.2): an effort for a model that does not reason,
/// an effort it does not know, and on reasoning models the legacy <c>max_tokens</c> (recorded fixture
/// <c>reasoning-model-legacy-parameter-error.json</c>) and a <c>temperature</c> other than the default 1. The simulator
/// itself does not reason: an accepted effort changes nothing in the answer.
/// </summary>
internal static class ReasoningParameters
{
    private const string InvalidRequest = "invalid_request_error";

    /// <summary>Checks a Chat Completions body (<c>reasoning_effort</c>, <c>max_tokens</c>, <c>temperature</c>).</summary>
    public static WireError? CheckChat(JsonElement root, string model)
    {
        if (ModelCatalog.IsReasoningModel(model) && root.TryGetProperty("max_tokens", out var legacy) && legacy.ValueKind != JsonValueKind.Null)
        {
            return new WireError(400, InvalidRequest,
                "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter");
        }

        return CheckEffort(root.TryGetProperty("reasoning_effort", out var effort) ? effort : default, "reasoning_effort", model)
            ?? CheckTemperature(root, model);
    }

    /// <summary>Checks a Responses body (<c>reasoning.effort</c>, <c>temperature</c>).</summary>
    public static WireError? CheckResponses(JsonElement root, string model)
    {
        var effort = root.TryGetProperty("reasoning", out var reasoning) && reasoning.ValueKind == JsonValueKind.Object
            && reasoning.TryGetProperty("effort", out var value) ? value : default;
        return CheckEffort(effort, "reasoning.effort", model) ?? CheckTemperature(root, model);
    }

    private static WireError? CheckEffort(JsonElement effort, string param, string model)
    {
        if (effort.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (!ModelCatalog.IsReasoningModel(model))
        {
            return new WireError(400, InvalidRequest, $"Unsupported parameter: '{param}' is not supported with this model.", param, "unsupported_parameter");
        }

        var text = effort.ValueKind == JsonValueKind.String ? effort.GetString() : effort.GetRawText();
        return text is "none" or "minimal" or "low" or "medium" or "high" or "xhigh"
            ? null
            : new WireError(400, InvalidRequest,
                $"Invalid value: '{text}'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'.", param, "invalid_value");
    }

    private static WireError? CheckTemperature(JsonElement root, string model)
    {
        if (!ModelCatalog.IsReasoningModel(model)
            || !root.TryGetProperty("temperature", out var temperature)
            || temperature.ValueKind != JsonValueKind.Number
            || temperature.GetDouble() == 1)
        {
            return null;
        }

        var shown = temperature.GetDouble().ToString(CultureInfo.InvariantCulture);
        return new WireError(400, InvalidRequest,
            $"Unsupported value: 'temperature' does not support {shown} with this model. Only the default (1) value is supported.", "temperature", "unsupported_value");
    }
}
