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
        configuration.AddJsonFile(provider, Path.GetFileName(fullPath), optional: false, reloadOnChange: true);
        return new PolledConfigFile(provider);
    }

    /// <inheritdoc/>
    public void Dispose() => _provider.Dispose();
}
