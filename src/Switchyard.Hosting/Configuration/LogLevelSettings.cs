using Microsoft.Extensions.Logging;

namespace Switchyard.Hosting.Configuration;

/// <summary>
/// Checks the .NET logging levels of the <c>Logging</c> section (<c>Logging:LogLevel:&lt;category&gt;</c> and
/// <c>Logging:&lt;provider&gt;:LogLevel:&lt;category&gt;</c>) with their paths. Unchecked, a misspelled level failed start-up
/// with .NET's "Configuration value 'Loud' is not supported." (no path), and a reload applied it without a word, so the
/// gateway kept running until its next start refused the file.
/// </summary>
internal static class LogLevelSettings
{
    private static readonly string Levels = string.Join(", ", Enum.GetNames<LogLevel>());

    /// <summary>Every bad level among <paramref name="settings"/> (configuration paths and values, any section).</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var problems = new List<string>();
        foreach (var (path, value) in settings)
        {
            // An empty value is JSON null or "": .NET logging skips it, as the binder leaves a setting at its default.
            if (IsLevelPath(path) && !string.IsNullOrEmpty(value) && !IsLevel(value))
            {
                problems.Add($"{path} must be one of {Levels} (was '{Shorten(value)}').");
            }
        }

        return problems;
    }

    // Logging:LogLevel:<category> or Logging:<provider>:LogLevel:<category>, as .NET logging reads them.
    private static bool IsLevelPath(string path)
    {
        var segments = path.Split(':');
        return segments.Length >= 3 && segments[0].Equals("Logging", StringComparison.OrdinalIgnoreCase)
            && (segments[1].Equals("LogLevel", StringComparison.OrdinalIgnoreCase)
                || (segments.Length >= 4 && segments[2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase)));
    }

    // .NET logging parses levels ignoring case; it would take a number too, which names no level anyone means.
    private static bool IsLevel(string value) => Enum.GetNames<LogLevel>().Contains(value, StringComparer.OrdinalIgnoreCase);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
