using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>
/// A committed chaos scenario from <c>scenarios/</c> at the repository root, with its time windows compressed so that a
/// 30-second storm runs in a few seconds. Only <c>fromSeconds</c>/<c>toSeconds</c> are scaled: retry-after values, stall
/// lengths and probabilities stay as committed.
/// </summary>
public sealed record StormScenario(string Name, string Json, TimeSpan StormLength)
{
    /// <summary>Loads <paramref name="fileName"/> and scales its windows so the storm lasts <paramref name="compressedLength"/>.</summary>
    public static StormScenario Load(string fileName, TimeSpan compressedLength)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenariosDirectory(), fileName)))!.AsObject();
        var rules = root["rules"]!.AsArray();
        var committedLength = rules.Max(r => r!["toSeconds"]!.GetValue<double>());
        var scale = compressedLength.TotalSeconds / committedLength;
        foreach (var rule in rules)
        {
            foreach (var window in new[] { "fromSeconds", "toSeconds" })
            {
                if (rule![window] is { } value)
                {
                    rule[window] = Math.Round(value.GetValue<double>() * scale, 3);
                }
            }
        }

        return new StormScenario(fileName, root.ToJsonString(), compressedLength);
    }

    /// <summary>A fault-free scenario with the same latency block, for the warm-up.</summary>
    public string Calm()
    {
        var root = JsonNode.Parse(Json)!.AsObject();
        root["rules"] = new JsonArray();
        return root.ToJsonString();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({StormLength.TotalSeconds:0.#} s)");

    /// <summary>The repository's <c>scenarios/</c> folder, found by walking up from the test binaries.</summary>
    private static string ScenariosDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No scenarios/ folder above {AppContext.BaseDirectory}.");
    }
}
