using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// A JSON file provider that keeps serving the file's last readable contents when a reload finds it unreadable
/// (invalid JSON, deleted, saved half-written) or holding a log level .NET logging cannot read. The base provider empties its data then, and while the
/// <see cref="ConfigurationReloader"/> keeps the last good Switchyard options, every other section the file held —
/// <c>Logging</c> levels among them — fell back to its defaults until the file was fixed.
/// </summary>
/// <remarks>
/// Written by hand because the file providers offer no such option: <c>OnLoadException</c> runs after the data is
/// cleared, and a deleted file is cleared without calling it. The data is restored on the next read instead.
/// </remarks>
internal sealed class LastGoodJsonConfigurationProvider(JsonConfigurationSource source) : JsonConfigurationProvider(source)
{
    private IDictionary<string, string?>? _lastGood;

    /// <inheritdoc/>
    public override void Load(Stream stream)
    {
        base.Load(stream);
        // A log level .NET logging cannot read would reach its filters with this reload, while the ConfigurationReloader
        // rejects the file (ConfigFileGuard reads it again): keep the whole last good file, as for one that is not JSON.
        if (_lastGood is { } lastGood && LogLevelSettings.Problems(Data).Count > 0)
        {
            Data = lastGood;
            return;
        }

        _lastGood = Data;
    }

    /// <inheritdoc/>
    public override bool TryGet(string key, out string? value)
    {
        Restore();
        return base.TryGet(key, out value);
    }

    /// <inheritdoc/>
    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        Restore();
        return base.GetChildKeys(earlierKeys, parentPath);
    }

    // Data is replaced only by a successful Load(Stream), which records it, or by the base provider's failed reload.
    private void Restore()
    {
        if (_lastGood is { } lastGood && !ReferenceEquals(Data, lastGood))
        {
            Data = lastGood;
        }
    }
}

/// <summary>The source of a <see cref="LastGoodJsonConfigurationProvider"/>.</summary>
internal sealed class LastGoodJsonConfigurationSource : JsonConfigurationSource
{
    /// <inheritdoc/>
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new LastGoodJsonConfigurationProvider(this);
    }
}
