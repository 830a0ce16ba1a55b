namespace Switchyard.Tests.Storage;

/// <summary>A ledger file in its own temp directory, deleted with the directory on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-ledger-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "ledger.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leaked handle only leaves a temp directory behind; it must not fail the test.
        }
    }
}
