using Microsoft.Extensions.Options;
using Switchyard.Hosting.Auth;

namespace Switchyard.Hosting.Configuration;

/// <summary>Validates <see cref="SwitchyardOptions"/> and reports every error at once, each with its configuration path.</summary>
public sealed class SwitchyardOptionsValidator : IValidateOptions<SwitchyardOptions>
{
    private static readonly HashSet<string> ProviderNames = ["openai", "anthropic"];

    /// <summary>The longest retention any store accepts: a century.</summary>
    internal const int MaxRetentionDays = 36_500;

    /// <summary>
    /// Whether tenants and key names are those of <see cref="SwitchyardOptions.Keys"/> (and the process keys), as in the
    /// gateway, so that a budget or limit naming another one is a typo. False for in-process hosts (the library), where
    /// each client says its own tenant. The default is true.
    /// </summary>
    public bool TenantsComeFromKeys { get; init; } = true;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SwitchyardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string root = SwitchyardOptions.SectionName;
        if (options.MaxRequestBodyBytes <= 0)
        {
            errors.Add($"{root}:MaxRequestBodyBytes must be positive (was {options.MaxRequestBodyBytes}).");
        }

        CheckProvider(errors, $"{root}:Providers:OpenAI", options.Providers.OpenAI);
        CheckProvider(errors, $"{root}:Providers:Anthropic", options.Providers.Anthropic);
        foreach (var (model, provider) in options.Models)
        {
            if (!ProviderNames.Contains(provider))
            {
                errors.Add($"{root}:Models:{model} must be 'openai' or 'anthropic' (was '{provider}').");
            }
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrWhiteSpace(key.Tenant))
            {
                errors.Add($"{root}:Keys:{i}:Tenant is required.");
            }

            // An empty name would be the key's name in logs, the admin API and per-key budgets.
            if (key.Name is { } keyName && string.IsNullOrWhiteSpace(keyName))
            {
                errors.Add($"{root}:Keys:{i}:Name must not be empty (leave it out to name the key by its hash prefix).");
            }

            if (!KeyHash.IsWellFormed(key.Hash))
            {
                errors.Add($"{root}:Keys:{i}:Hash must be 'sha256:' followed by 64 hex digits (generate one with `switchyard keys hash`).");
            }
        }

        CheckKeysAreDistinct(options.Keys, root, errors);

        StorageValidation.Validate(options.Storage, $"{root}:Storage", errors);
        RoutingValidation.Validate(options, errors);
        SubjectValidation.Validate(options, TenantsComeFromKeys, errors);
        CostConfiguration.Validate(options, errors);
        errors.AddRange(options.Resilience.Validate($"{root}:Resilience"));
        ValidateStreams(options.Streams, $"{root}:Streams", errors);
        // Upper bounds keep "now + retention" a representable date (a TimeSpan of int.MaxValue days overflows).
        if (options.Idempotency.RetentionHours is < 1 or > MaxRetentionDays * 24)
        {
            errors.Add($"{root}:Idempotency:RetentionHours must be 1–{MaxRetentionDays * 24} (was {options.Idempotency.RetentionHours}).");
        }

        if (options.Idempotency.WaitSeconds < 0)
        {
            errors.Add($"{root}:Idempotency:WaitSeconds must not be negative (was {options.Idempotency.WaitSeconds}).");
        }
        if (options.Conversations.RetentionDays is < 1 or > MaxRetentionDays)
        {
            errors.Add($"{root}:Conversations:RetentionDays must be 1–{MaxRetentionDays} (was {options.Conversations.RetentionDays}).");
        }

        if (options.Conversations.MaxChainLength < 1)
        {
            errors.Add($"{root}:Conversations:MaxChainLength must be at least 1 (was {options.Conversations.MaxChainLength}).");
        }

        options.Memory.Validate($"{root}:Memory", options, errors);
        foreach (var (path, pair) in new[] { ("Tenant", options.InboundLimits.Tenant), ("Key", options.InboundLimits.Key) }
            .Concat(options.InboundLimits.Tenants.Select(t => ($"Tenants:{t.Key}", t.Value))))
        {
            if (pair.RequestsPerMinute is <= 0 || pair.TokensPerMinute is <= 0)
            {
                errors.Add($"{root}:InboundLimits:{path} limits must be positive when set.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateStreams(StreamOptions streams, string path, List<string> errors)
    {
        if (streams.RetentionSeconds < 1)
        {
            errors.Add($"{path}:RetentionSeconds must be at least 1 (was {streams.RetentionSeconds}).");
        }

        // At most a day: it becomes a timer when the caller leaves, and timers refuse ~49 days and more (the request
        // then failed with an empty 500 at the moment its caller disconnected).
        if (streams.DetachedGenerationSeconds is < 0 or > 86_400)
        {
            errors.Add($"{path}:DetachedGenerationSeconds must be 0–86400 (was {streams.DetachedGenerationSeconds}).");
        }

        if (streams.MaxContinuations is < 0 or > 10)
        {
            errors.Add($"{path}:MaxContinuations must be between 0 and 10 (was {streams.MaxContinuations}).");
        }

        if (streams.FlushIntervalMs is < 1 or > 1000)
        {
            errors.Add($"{path}:FlushIntervalMs must be between 1 and 1000 (was {streams.FlushIntervalMs}).");
        }
    }

    private static void CheckKeysAreDistinct(List<VirtualKeyOptions> keys, string root, List<string> errors)
    {
        var firstByHash = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            // One key cannot belong to two entries: only the first would ever be found.
            if (!string.IsNullOrEmpty(keys[i].Hash) && !firstByHash.TryAdd(KeyHash.Normalize(keys[i].Hash), i))
            {
                errors.Add($"{root}:Keys:{i}:Hash is the hash of {root}:Keys:{firstByHash[KeyHash.Normalize(keys[i].Hash)]} as well; each key is listed once.");
            }

            // `key` budgets count by key name, so a name shared by two tenants would let one tenant's traffic spend the
            // other's budget. Two keys of one tenant may share a name (a key being rotated).
            if (keys[i].Name is { Length: > 0 } name && !firstByName.TryAdd(name, i) && keys[firstByName[name]].Tenant != keys[i].Tenant)
            {
                var first = firstByName[name];
                errors.Add($"{root}:Keys:{i}:Name '{name}' is already the name of {root}:Keys:{first} of tenant '{keys[first].Tenant}'; "
                    + "a key name belongs to one tenant, because per-key budgets count by name.");
            }

            // The same for the key given in SWITCHYARD_API_KEY, which is served beside the configured keys under this
            // name in tenant `default` (the development key is not: it exists only when no key is configured).
            if (keys[i].Name == SubjectValidation.EnvironmentKeyName && keys[i].Tenant != SubjectValidation.ProcessTenant)
            {
                errors.Add($"{root}:Keys:{i}:Name '{keys[i].Name}' is the name of the key given in SWITCHYARD_API_KEY, of tenant "
                    + $"'{SubjectValidation.ProcessTenant}'; a key name belongs to one tenant, because per-key budgets count by name.");
            }
        }
    }

    private static void CheckProvider(List<string> errors, string path, ProviderOptions provider)
    {
        if (provider.BaseUrl is { Length: > 0 } url && BaseUrlProblem($"{path}:BaseUrl", url) is { } problem)
        {
            errors.Add(problem);
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="url"/> as a provider base URL, named <paramref name="name"/> (a configuration
    /// path or the environment variable it came from); null when it is an absolute http(s) URL without credentials.
    /// </summary>
    public static string? BaseUrlProblem(string name, string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"{name} must be an absolute http(s) URL (was '{(url.Contains('@', StringComparison.Ordinal) ? "a value with credentials, not shown" : url)}').";
        }

        // Credentials in a URL are a secret in plain text, and URLs end up in logs and errors.
        return uri.UserInfo.Length > 0 ? $"{name} must not hold credentials (user:password@); provider keys come from the environment." : null;
    }
}
