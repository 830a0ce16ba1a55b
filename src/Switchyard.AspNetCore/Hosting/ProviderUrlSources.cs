using Microsoft.Extensions.Configuration;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Checks the provider base URLs where the user gave them, before later layers hide them, and names what the user set:
/// <c>OPENAI_BASE_URL=garbage</c> is reported as <c>OPENAI_BASE_URL</c>, not as the setting it is copied to; a bad
/// <c>Switchyard:Providers:*:BaseUrl</c> in the file is refused even when <c>serve</c> without provider keys replaces it
/// with the built-in simulator's address (the file is wrong all the same, and is wrong as soon as a key is set).
/// </summary>
internal static class ProviderUrlSources
{
    /// <summary>
    /// Every bad base URL of <paramref name="configured"/> (the file and <c>SWITCHYARD__…</c> variables, without the
    /// layers above them) and of the conventional variables in <paramref name="environment"/>.
    /// </summary>
    public static IReadOnlyList<string> Problems(IConfiguration configured, IReadOnlyDictionary<string, string?> environment)
    {
        var problems = new List<string>();
        foreach (var (variable, key) in ConventionalEnvironment.BaseUrls)
        {
            if (configured[key] is { Length: > 0 } setting && SwitchyardOptionsValidator.BaseUrlProblem(key, setting) is { } settingProblem)
            {
                problems.Add(settingProblem);
            }

            // Blank variables are not read (ConventionalEnvironment.ToSettings), so they are not checked either.
            if (environment.GetValueOrDefault(variable) is { } value && !string.IsNullOrWhiteSpace(value)
                && SwitchyardOptionsValidator.BaseUrlProblem(variable, value) is { } variableProblem)
            {
                problems.Add(variableProblem);
            }
        }

        return problems;
    }
}
