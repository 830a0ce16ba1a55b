using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Applies configuration changes (e.g. an edited <c>switchyard.json</c>) while the gateway runs. A change is bound and
/// validated like the start-up configuration; an invalid one is rejected with every error logged, and the last good
/// configuration keeps serving (as YARP does).
/// </summary>
public sealed partial class ConfigurationReloader(
    IConfiguration configuration,
    IEnumerable<IValidateOptions<SwitchyardOptions>> validators,
    GatewayRuntime runtime,
    ILogger<ConfigurationReloader> logger,
    ConfigurationReloader.ConfigFile? configFile = null) : IDisposable
{
    /// <summary>
    /// The <c>--config</c> file, checked again on every reload: a file that was deleted, emptied or saved half-written
    /// reads as no settings at all, which would otherwise apply as a configuration without keys, routes or budgets.
    /// </summary>
    /// <param name="Path">The file's full path; null when there is none.</param>
    public sealed record ConfigFile(string? Path);

    private IDisposable? _subscription;

    /// <summary>The number of reloads applied so far.</summary>
    public int Applied { get; private set; }

    /// <summary>The errors of the last rejected reload (empty when the last reload was applied).</summary>
    public IReadOnlyList<string> LastErrors { get; private set; } = [];

    /// <summary>Starts watching for changes.</summary>
    public void Watch() => _subscription ??= ChangeToken.OnChange(configuration.GetReloadToken, () => Reload());

    /// <summary>Binds, validates and applies the current configuration; returns the errors (empty when applied).</summary>
    public IReadOnlyList<string> Reload()
    {
        var errors = new List<string>(ConfigurationCheck.Problems(configuration, configFile?.Path));
        var options = new SwitchyardOptions();
        try
        {
            if (errors.Count == 0)
            {
                configuration.GetSection(SwitchyardOptions.SectionName).Bind(options, b => b.ErrorOnUnknownConfiguration = true);
            }
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(ex.Message);
        }

        if (errors.Count == 0)
        {
            foreach (var validator in validators)
            {
                if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
                {
                    errors.AddRange(result.Failures);
                }
            }
        }

        LastErrors = errors;
        if (errors.Count > 0)
        {
            LogRejected(logger, errors.Count, string.Join(" | ", errors));
            return errors;
        }

        runtime.Apply(options);
        Applied++;
        LogApplied(logger, options.Routes.Count, options.Keys.Count);
        return errors;
    }

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration reload rejected; the last good configuration keeps serving. {Count} error(s): {Errors}")]
    private static partial void LogRejected(ILogger logger, int count, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration reloaded: {Routes} route(s), {Keys} key(s)")]
    private static partial void LogApplied(ILogger logger, int routes, int keys);
}
