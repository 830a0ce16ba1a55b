using Switchyard.EndToEnd.Tests.Cli;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// <c>serve</c> reads the configuration docs/configuration.md lists and nothing else. It used to read an
/// <c>appsettings.json</c> in the working directory as well (the default ASP.NET Core host does): a broken one crashed
/// start-up with a stack trace, and a valid one skipped every check of the <c>--config</c> file.
/// </summary>
public sealed partial class ServeCommandTests
{
    [Theory]
    [InlineData("{ broken")]
    [InlineData("""{"Switchyard":{"MaxRequestBodyBytes":-1}}""")]
    public async Task Serve_AppSettingsInTheWorkingDirectory_IsNotRead(string appSettings)
    {
        var directory = Directory.CreateTempSubdirectory("switchyard-wd-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "appsettings.json"), appSettings, TestContext.Current.CancellationToken);
        using var process = SwitchyardProcess.StartIn(directory, "serve", "--urls", "http://127.0.0.1:0");
        try
        {
            var (url, _, _) = await ReadBannerAsync(process);

            Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(directory, recursive: true);
        }
    }
}
