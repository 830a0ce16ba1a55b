using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed class DeltaLogOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors() => Assert.Empty(new DeltaLogOptions().Validate());

    [Fact]
    public void Validate_EveryFieldOutOfRange_ListsEveryError()
    {
        var errors = new DeltaLogOptions { FlushInterval = TimeSpan.Zero, MaxBatch = 0, Retention = TimeSpan.FromSeconds(-1) }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("FlushInterval:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MaxBatch:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Retention:", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsArgumentException()
    {
        using var database = new Storage.TempDatabase();
        Assert.Throws<ArgumentException>(() => new SqliteDeltaLog(database.Path, TimeProvider.System, new DeltaLogOptions { MaxBatch = 0 }));
    }
}
