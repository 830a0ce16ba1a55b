using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Switchyard.Hosting;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// The <c>--config</c> JSON file, reloaded on change by polling its timestamp every few seconds instead of an inotify
/// watch. A <c>FileSystemWatcher</c> watches the file's whole directory (recursively), and with the default storage the
/// gateway's own SQLite files (store, WAL, journal) live in that same directory: every write woke the watcher's thread,
/// about 10 % of the gateway's CPU under load (perf, one connection, 2026-11-26). Polling also sees the symlink swaps a
/// Kubernetes ConfigMap update makes, which a watch on the directory can miss.
/// </summary>
internal sealed class PolledConfigFile : IDisposable
{
    private readonly PhysicalFileProvider _provider;
    private volatile bool _loaded;

    private PolledConfigFile(PhysicalFileProvider provider) => _provider = provider;

    /// <summary>Adds <paramref name="path"/> to <paramref name="configuration"/>; dispose the result at shutdown to stop polling.</summary>
    public static PolledConfigFile Add(IConfigurationBuilder configuration, string path)
    {
        var fullPath = Path.GetFullPath(path);
        var provider = new PhysicalFileProvider(Path.GetDirectoryName(fullPath)!)
        {
            UsePollingFileWatcher = true,
            // Without active polling a change token is only checked when asked; the reloader needs its callback.
            UseActivePolling = true,
        };
        var file = new PolledConfigFile(provider);
        configuration.Add(new LastGoodJsonConfigurationSource
        {
            FileProvider = provider,
            Path = Path.GetFileName(fullPath),
            Optional = false,
            ReloadOnChange = true,
            // After the first load, a file that cannot be read (saved half-written, invalid JSON) must still reach the
            // ConfigurationReloader, which rejects it with the reason and keeps the last good configuration; thrown, the
            // error would end on the polling thread, unseen. The first load's errors still throw: the gateway does not start.
            // The file's other sections (Logging) keep their last good values too (LastGoodJsonConfigurationProvider).
            OnLoadException = context => context.Ignore = file._loaded,
        });
        file._loaded = true;
        return file;
    }

    /// <inheritdoc/>
    public void Dispose() => _provider.Dispose();
}
