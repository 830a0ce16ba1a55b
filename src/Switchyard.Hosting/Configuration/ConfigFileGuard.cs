using System.Text.Json;

namespace Switchyard.Hosting.Configuration;

/// <summary>
/// Checks the <c>--config</c> file itself, before .NET configuration reads it: readable strict UTF-8 JSON with an object
/// at the top, no key twice in one object, no top-level section but <see cref="AllowedSections"/>, and no provider keys
/// in plain text (keys belong in the environment, <c>OPENAI_API_KEY</c> and <c>ANTHROPIC_API_KEY</c>, or a secret store,
/// never in a file that gets committed or copied), and log levels that .NET logging can read (<see cref="LogLevelSettings"/>).
/// </summary>
/// <remarks>
/// .NET configuration would fail on most of these with an exception that names no key (duplicates, a top-level array)
/// or, worse, read them silently: a misspelled <c>Switchyard</c> section would start the gateway with no keys and no
/// budgets. Messages never quote values, so no secret reaches the terminal or the log.
/// </remarks>
public static class ConfigFileGuard
{
    /// <summary>The top-level sections a file may hold: Switchyard's own, .NET logging's, and a JSON schema reference.</summary>
    public static readonly IReadOnlyList<string> AllowedSections = [SwitchyardOptions.SectionName, "Logging", "$schema"];

    /// <summary>Every problem of the file at <paramref name="path"/>; empty when .NET configuration can read it as meant.</summary>
    public static IReadOnlyList<string> Problems(string path)
    {
        if (ConfigFileText.Read(path, out var unreadable) is not { } text)
        {
            return [unreadable!];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return [$"{path} is not valid JSON: {ex.Message}"];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [$"{path} must hold a JSON object ({{ \"Switchyard\": {{ … }} }}), not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}."];
            }

            var errors = new List<string>();
            FindDuplicates(document.RootElement, "", errors);
            foreach (var section in document.RootElement.EnumerateObject())
            {
                if (!AllowedSections.Contains(section.Name, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"{section.Name} is not a section Switchyard reads; the file holds {string.Join(", ", AllowedSections)} at the top"
                        + (section.Value.ValueKind == JsonValueKind.Object ? " (settings go under Switchyard)." : "."));
                }
            }

            FindProviderKeys(document.RootElement, errors);
            if (Find(document.RootElement, "Logging") is { } logging)
            {
                var settings = new List<KeyValuePair<string, string?>>();
                Flatten(logging, "Logging", settings);
                errors.AddRange(LogLevelSettings.Problems(settings));
            }

            return errors;
        }
    }

    // .NET configuration keys ignore case, and its JSON reader refuses a key twice in one object with an exception.
    private static void FindDuplicates(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                var at = path.Length == 0 ? property.Name : $"{path}:{property.Name}";
                if (!seen.Add(property.Name))
                {
                    errors.Add($"{at} is given twice in one object (configuration keys ignore case); keep one.");
                }

                FindDuplicates(property.Value, at, errors);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                FindDuplicates(item, $"{path}:{i++}", errors);
            }
        }
    }

    // The file's values under their configuration paths, as .NET configuration's JSON reader flattens them.
    private static void Flatten(JsonElement element, string path, List<KeyValuePair<string, string?>> settings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{path}:{property.Name}", settings);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}:{i++}", settings);
                }

                break;
            case JsonValueKind.String:
                settings.Add(new(path, element.GetString()));
                break;
            case JsonValueKind.Null:
                settings.Add(new(path, null));
                break;
            default:
                settings.Add(new(path, element.GetRawText()));
                break;
        }
    }

    private static void FindProviderKeys(JsonElement root, List<string> errors)
    {
        if (Find(root, SwitchyardOptions.SectionName) is { ValueKind: JsonValueKind.Object } switchyard
            && Find(switchyard, "Providers") is { ValueKind: JsonValueKind.Object } providers)
        {
            foreach (var provider in providers.EnumerateObject())
            {
                if (provider.Value.ValueKind == JsonValueKind.Object && Find(provider.Value, "ApiKey") is not null)
                {
                    errors.Add($"Switchyard:Providers:{provider.Name}:ApiKey must not be in a configuration file; set {provider.Name.ToUpperInvariant()}_API_KEY in the environment instead.");
                }
            }
        }
    }

    // Configuration keys are case-insensitive; so is this lookup.
    private static JsonElement? Find(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p
            ? p.Value
            : null;
}
