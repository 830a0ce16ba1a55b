namespace Switchyard.Hosting.Configuration;

/// <summary>
/// The storage part of <see cref="SwitchyardOptionsValidator"/>: the SQLite path names a file in a directory that exists.
/// SQLite's own error for anything else ("unable to open database file") names neither the file nor the setting.
/// </summary>
internal static class StorageValidation
{
    public static void Validate(StorageOptions storage, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(storage.Path))
        {
            errors.Add($"{path}:Path is required: the SQLite file for spend, streams and idempotency (the default is switchyard.db).");
            return;
        }

        // A connection string ("Data Source=…") is SQLite's to read.
        if (storage.Path.Contains('=', StringComparison.Ordinal))
        {
            return;
        }

        var full = System.IO.Path.GetFullPath(storage.Path);
        if (Directory.Exists(full))
        {
            errors.Add($"{path}:Path '{storage.Path}' is a directory; name a file in it (e.g. {System.IO.Path.Combine(storage.Path, "switchyard.db")}).");
        }
        else if (System.IO.Path.GetDirectoryName(full) is { } directory && !Directory.Exists(directory))
        {
            errors.Add($"{path}:Path '{storage.Path}' is in a directory that does not exist ({directory}); create it first.");
        }
    }
}
