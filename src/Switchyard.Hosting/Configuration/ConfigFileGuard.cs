using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Configuration;

/// <summary>
/// Refuses configuration files that hold provider keys in plain text: keys belong in the environment
/// (<c>OPENAI_API_KEY</c>, <c>ANTHROPIC_API_KEY</c>) or a secret store, never in a file that gets committed or copied.
/// </summary>
internal static class ConfigFileGuard
{
    /// <exception cref="OptionsValidationException">The file is not JSON, or it holds a provider key.</exception>
    public static void Check(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Invalid($"{path} is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var errors = new List<string>();
            if (Find(document.RootElement, "Switchyard") is { ValueKind: JsonValueKind.Object } root && Find(root, "Providers") is { ValueKind: JsonValueKind.Object } providers)
            {
                foreach (var provider in providers.EnumerateObject())
                {
                    if (provider.Value.ValueKind == JsonValueKind.Object && Find(provider.Value, "ApiKey") is not null)
                    {
                        errors.Add($"Switchyard:Providers:{provider.Name}:ApiKey must not be in a configuration file; set {provider.Name.ToUpperInvariant()}_API_KEY in the environment instead.");
                    }
                }
            }

            if (errors.Count > 0)
            {
                throw new OptionsValidationException(SwitchyardOptions.SectionName, typeof(SwitchyardOptions), errors);
            }
        }
    }

    // Configuration keys are case-insensitive; so is this lookup.
    private static JsonElement? Find(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p
            ? p.Value
            : null;

    private static OptionsValidationException Invalid(string message) =>
        new(SwitchyardOptions.SectionName, typeof(SwitchyardOptions), [message]);
}
