using System.Text;
using System.Text.Json;

namespace Switchyard.Simulator.Scenarios;

/// <summary>Writes a scenario in the same JSON format <see cref="ScenarioParser"/> reads.</summary>
internal static class ScenarioWriter
{
    public static string Write(Scenario scenario)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (scenario.Seed is { } seed)
            {
                w.WriteNumber("seed", seed);
            }

            w.WriteStartObject("latency");
            w.WriteNumber("firstTokenMs", scenario.Latency.FirstTokenMs);
            w.WriteNumber("tokensPerSecond", scenario.Latency.TokensPerSecond);
            w.WriteEndObject();
            w.WriteStartArray("rules");
            foreach (var rule in scenario.Rules)
            {
                WriteRule(w, rule);
            }

            w.WriteEndArray();
            BatchScriptParser.Write(w, scenario.Batch);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRule(Utf8JsonWriter w, ScenarioRule rule)
    {
        w.WriteStartObject();
        WriteIf(w, "provider", rule.Provider);
        WriteIf(w, "api", rule.Api);
        WriteIf(w, "model", rule.Model);
        WriteIf(w, "path", rule.Path);
        if (rule.Stream is { } stream)
        {
            w.WriteBoolean("stream", stream);
        }

        w.WriteNumber("fromSeconds", rule.FromSeconds);
        if (rule.ToSeconds is { } to)
        {
            w.WriteNumber("toSeconds", to);
        }

        w.WriteNumber("probability", rule.Probability);
        if (rule.Count is { } count)
        {
            w.WriteNumber("count", count);
        }

        var f = rule.Fault;
        w.WriteStartObject("fault");
        w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(f.Kind.ToString()));
        switch (f.Kind)
        {
            case FaultKind.Status:
                w.WriteNumber("status", f.Status);
                if (f.RetryAfterSeconds is { } retry)
                {
                    w.WriteNumber("retryAfterSeconds", retry);
                }

                WriteIf(w, "errorType", f.ErrorType);
                WriteIf(w, "code", f.Code);
                WriteIf(w, "message", f.Message);
                break;
            case FaultKind.Stall:
                w.WriteNumber("afterEvents", f.AfterEvents);
                w.WriteNumber("seconds", f.Seconds);
                break;
            case FaultKind.Cut:
                w.WriteNumber("afterEvents", f.AfterEvents);
                break;
            case FaultKind.ErrorEvent:
                w.WriteNumber("afterEvents", f.AfterEvents);
                WriteIf(w, "errorType", f.ErrorType);
                WriteIf(w, "message", f.Message);
                break;
            case FaultKind.Duplicate:
                w.WriteNumber("afterEvents", f.AfterEvents);
                w.WriteNumber("count", f.Count);
                break;
            case FaultKind.Overlap:
                w.WriteNumber("chars", f.Chars);
                break;
            case FaultKind.Slow:
                w.WriteNumber("tokensPerSecond", f.TokensPerSecond);
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteIf(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
