using System.Text.Json;

namespace Switchyard.Simulator.Scenarios;

/// <summary>Reads and writes the scenario's <c>batch</c> section (docs/simulator.md, "Batch APIs").</summary>
internal static class BatchScriptParser
{
    private static readonly string KindNames = string.Join(", ", Enum.GetNames<BatchFaultKind>().Select(JsonNamingPolicy.CamelCase.ConvertName));

    public static BatchScript Parse(JsonObjectReader reader)
    {
        var batch = new JsonObjectReader(reader.Element, reader.Path, ["durationSeconds", "lineFaults", "validationFailures"]);
        var faults = new List<BatchLineFault>();
        var total = 0.0;
        foreach (var (element, path) in batch.Array("lineFaults"))
        {
            var fault = ParseFault(new JsonObjectReader(element, path, ["kind", "fraction", "times"]));
            total += fault.Fraction;
            if (total > 1 + 1e-9)
            {
                throw new ScenarioException($"{path}.fraction", "the fractions of all line faults add up to more than 1");
            }

            faults.Add(fault);
        }

        return new BatchScript
        {
            DurationSeconds = batch.Double("durationSeconds", min: 0, max: 86_400),
            LineFaults = faults,
            ValidationFailures = batch.Int("validationFailures", min: 0) ?? 0,
        };
    }

    public static void Write(Utf8JsonWriter w, BatchScript script)
    {
        w.WriteStartObject("batch");
        if (script.DurationSeconds is { } duration)
        {
            w.WriteNumber("durationSeconds", duration);
        }

        w.WriteStartArray("lineFaults");
        foreach (var fault in script.LineFaults)
        {
            w.WriteStartObject();
            w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(fault.Kind.ToString()));
            w.WriteNumber("fraction", fault.Fraction);
            w.WriteNumber("times", fault.Times);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("validationFailures", script.ValidationFailures);
        w.WriteEndObject();
    }

    private static BatchLineFault ParseFault(JsonObjectReader fault)
    {
        var kindText = fault.String("kind") ?? throw new ScenarioException($"{fault.Path}.kind", "required");
        if (!Enum.TryParse<BatchFaultKind>(kindText, ignoreCase: true, out var kind) || !char.IsLower(kindText[0]) || int.TryParse(kindText, out _))
        {
            throw new ScenarioException($"{fault.Path}.kind", $"unknown batch fault kind \"{kindText}\" (expected one of {KindNames})");
        }

        return new BatchLineFault
        {
            Kind = kind,
            Fraction = fault.Double("fraction", min: 0, max: 1) ?? throw new ScenarioException($"{fault.Path}.fraction", "required"),
            Times = fault.Int("times", min: 1) ?? 1,
        };
    }
}
