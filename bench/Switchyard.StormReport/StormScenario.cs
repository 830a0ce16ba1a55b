using System.Text.Json.Nodes;

namespace Switchyard.StormReport;

/// <summary>
/// A committed chaos scenario from <c>scenarios/</c> at the repository root, with its time windows compressed so that a
/// 30-second storm runs in <see cref="StormLength"/>. Only <c>fromSeconds</c>/<c>toSeconds</c> are scaled: retry-after
/// values, stall lengths and probabilities stay as committed. (Adapted from the storm test suite's StormScenario.)
/// </summary>
/// <param name="Title">The row label, e.g. "429 storm".</param>
/// <param name="FileName">The file under <c>scenarios/</c>.</param>
/// <param name="Json">The compressed scenario, ready for <c>PUT /_sim/scenario</c>.</param>
/// <param name="StormLength">How long the compressed storm lasts.</param>
/// <param name="Stream">Whether clients stream (needed for the first-token timeout to apply).</param>
internal sealed record StormScenario(string Title, string FileName, string Json, TimeSpan StormLength, bool Stream)
{
    /// <summary>The four scenarios of docs/storms.md, in order.</summary>
    public static IReadOnlyList<StormScenario> All(TimeSpan stormLength) =>
    [
        Load("429 storm", "429-storm.json", stormLength, stream: false),
        Load("50% 5xx burst", "5xx-burst.json", stormLength, stream: false),
        Load("connection resets", "connection-resets.json", stormLength, stream: false),
        Load("slow first token", "slow-first-token.json", stormLength, stream: true),
    ];

    /// <summary>Loads <paramref name="fileName"/> and scales its windows so the storm lasts <paramref name="compressedLength"/>.</summary>
    public static StormScenario Load(string title, string fileName, TimeSpan compressedLength, bool stream)
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

        return new StormScenario(title, fileName, root.ToJsonString(), compressedLength, stream);
    }

    /// <summary>A fault-free scenario with the same latency block, for the warm-up.</summary>
    public string Calm()
    {
        var root = JsonNode.Parse(Json)!.AsObject();
        root["rules"] = new JsonArray();
        return root.ToJsonString();
    }

    /// <summary>The repository's <c>scenarios/</c> folder, found by walking up from the working directory or the binaries.</summary>
    private static string ScenariosDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "global.json")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"No scenarios/ folder above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}
