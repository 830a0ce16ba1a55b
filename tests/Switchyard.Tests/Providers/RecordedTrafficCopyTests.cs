using Switchyard.Testing;

namespace Switchyard.Tests.Providers;

/// <summary>
/// <c>tests/fixtures</c> is a copy of the project's shared recorded traffic (<c>../shared/fixtures</c>), so that a clone
/// alone runs every test. Where the shared folder sits beside the repository (development, CI), the copy must be
/// exactly it: the same files, byte for byte.
/// </summary>
public sealed class RecordedTrafficCopyTests
{
    [Fact]
    public void Copy_BesideTheSharedFixtures_HoldsTheSameFilesByteForByte()
    {
        var root = RecordedTraffic.RepositoryRoot();
        Assert.NotNull(root);
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures"));
        if (!Directory.Exists(shared))
        {
            Assert.Skip($"No shared fixtures beside the repository ({shared}) to compare the copy with.");
        }

        var copy = Path.Combine(root, "tests", "fixtures");
        Assert.Equal(Files(shared), Files(copy));
        foreach (var file in Files(shared))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(shared, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(copy, file))),
                $"tests/fixtures/{file} differs from the shared fixture; copy it again from {shared}.");
        }
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];
}
