using System.Collections;

namespace Switchyard.Hosting;

/// <summary>
/// Maps the conventional provider variables (<c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>, <c>ANTHROPIC_API_KEY</c>,
/// <c>ANTHROPIC_BASE_URL</c>) onto configuration keys, so users keep the variables their SDKs already read.
/// </summary>
internal static class ConventionalEnvironment
{
    private static readonly (string Variable, string Key)[] Mappings =
    [
        ("OPENAI_API_KEY", "Switchyard:Providers:OpenAI:ApiKey"),
        ("OPENAI_BASE_URL", "Switchyard:Providers:OpenAI:BaseUrl"),
        ("ANTHROPIC_API_KEY", "Switchyard:Providers:Anthropic:ApiKey"),
        ("ANTHROPIC_BASE_URL", "Switchyard:Providers:Anthropic:BaseUrl"),
    ];

    /// <summary>The base URL variables and the settings they set.</summary>
    public static IEnumerable<(string Variable, string Key)> BaseUrls => Mappings.Where(m => m.Key.EndsWith(":BaseUrl", StringComparison.Ordinal));

    public static IReadOnlyDictionary<string, string?> ReadProcess()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return variables;
    }

    public static Dictionary<string, string?> ToSettings(IReadOnlyDictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Mappings)
        {
            if (environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                settings[key] = value;
            }
        }

        return settings;
    }
}
