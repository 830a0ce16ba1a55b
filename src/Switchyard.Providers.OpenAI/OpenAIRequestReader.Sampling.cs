using System.Globalization;
using System.Text.Json;

namespace Switchyard.Providers.OpenAI;

internal static partial class OpenAIRequestReader
{
    private const int MaxStopSequences = 4;

    private readonly record struct Sampling(
        int? MaxOutputTokens, double? Temperature, double? TopP, IReadOnlyList<string>? Stop, double? PresencePenalty, double? FrequencyPenalty, long? Seed);

    private static JsonProblem? ReadSampling(JsonElement root, out Sampling sampling)
    {
        sampling = default;
        JsonProblem? problem;
        if ((problem = OptionalInt(root, "max_tokens", 1, int.MaxValue, out var maxTokens)) is not null
            || (problem = OptionalInt(root, "max_completion_tokens", 1, int.MaxValue, out var maxCompletion)) is not null
            || (problem = OptionalNumber(root, "temperature", 0, 2, out var temperature)) is not null
            || (problem = OptionalNumber(root, "top_p", 0, 1, out var topP)) is not null
            || (problem = OptionalNumber(root, "presence_penalty", -2, 2, out var presencePenalty)) is not null
            || (problem = OptionalNumber(root, "frequency_penalty", -2, 2, out var frequencyPenalty)) is not null
            || (problem = OptionalInt(root, "n", 1, int.MaxValue, out var n)) is not null
            || (problem = OptionalBool(root, "logprobs", out _)) is not null
            || (problem = OptionalInt(root, "top_logprobs", 0, 20, out _)) is not null
            || (problem = OptionalInt64(root, "seed", long.MinValue, long.MaxValue, out var seed)) is not null
            || (problem = ReadStop(root, out var stop)) is not null)
        {
            return problem;
        }

        if (n > 1)
        {
            // Several choices would each be billed and cannot be translated to Anthropic; the gateway serves one.
            return new JsonProblem($"Invalid value for 'n': {n}. This gateway does not support n > 1; send one request per choice.", "n");
        }

        // max_completion_tokens is the current name; max_tokens is its deprecated alias.
        sampling = new Sampling(maxCompletion ?? maxTokens, temperature, topP, stop, presencePenalty, frequencyPenalty, seed);
        return null;
    }

    private static JsonProblem? ReadStop(JsonElement root, out IReadOnlyList<string>? stop)
    {
        stop = null;
        if (JsonRead.IsNullOrMissing(root, "stop", out var element))
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            stop = [element.GetString()!];
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return JsonProblem.WrongType("stop", "a string or an array of strings", element);
        }

        var count = element.GetArrayLength();
        if (count > MaxStopSequences)
        {
            return JsonProblem.Invalid(
                "stop", $"array too long. Expected an array with maximum length {MaxStopSequences}, but got an array with length {count} instead.");
        }

        var list = new List<string>(count);
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return JsonProblem.WrongType($"stop[{i}]", "a string", item);
            }

            list.Add(item.GetString()!);
            i++;
        }

        stop = list.Count == 0 ? null : list;
        return null;
    }

    internal static JsonProblem? OptionalInt(JsonElement parent, string name, long min, long max, out int? value)
    {
        var problem = OptionalInt64(parent, name, min, max, out var number);
        value = number is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;
        return problem;
    }

    internal static JsonProblem? OptionalInt64(JsonElement parent, string name, long min, long max, out long? value)
    {
        value = null;
        if (JsonRead.IsNullOrMissing(parent, name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            return JsonProblem.WrongType(name, "an integer", element);
        }

        if (number < min)
        {
            return JsonProblem.Invalid(name, $"integer below minimum value. Expected a value >= {min}, but got {number} instead.");
        }

        if (number > max)
        {
            return JsonProblem.Invalid(name, $"integer above maximum value. Expected a value <= {max}, but got {number} instead.");
        }

        value = number;
        return null;
    }

    internal static JsonProblem? OptionalNumber(JsonElement parent, string name, double min, double max, out double? value)
    {
        value = null;
        if (JsonRead.IsNullOrMissing(parent, name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return JsonProblem.WrongType(name, "a number", element);
        }

        if (number < min)
        {
            return JsonProblem.Invalid(name, $"decimal below minimum value. Expected a value >= {Format(min)}, but got {Format(number)} instead.");
        }

        if (number > max)
        {
            return JsonProblem.Invalid(name, $"decimal above maximum value. Expected a value <= {Format(max)}, but got {Format(number)} instead.");
        }

        value = number;
        return null;
    }

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
