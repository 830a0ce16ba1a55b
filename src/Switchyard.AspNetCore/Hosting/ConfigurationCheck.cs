using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// What is checked before the <c>Switchyard</c> section is bound, at start and on every reload: the <c>--config</c> file
/// (<see cref="ConfigFileGuard"/>), then the section's shape (<see cref="ConfigurationShape"/>) and the log levels of
/// <c>Logging</c> (<see cref="LogLevelSettings"/>). The options validator checks the bound values after.
/// </summary>
internal static class ConfigurationCheck
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "SwitchyardOptions is bound by reflection anyway.")]
    public static IReadOnlyList<string> Problems(IConfiguration configuration, string? configFile) =>
        configFile is not null && ConfigFileGuard.Problems(configFile) is { Count: > 0 } fileProblems
            ? fileProblems
            : [
                .. ConfigurationShape.Check(configuration.GetSection(SwitchyardOptions.SectionName), typeof(SwitchyardOptions)),
                // Levels from the environment (Logging__LogLevel__Default) too; the file's were checked with the file.
                .. LogLevelSettings.Problems(configuration.GetSection("Logging").AsEnumerable()),
            ];
}
