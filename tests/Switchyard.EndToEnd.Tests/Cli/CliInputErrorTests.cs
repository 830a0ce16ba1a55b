using System.Net;
using System.Net.Sockets;

namespace Switchyard.EndToEnd.Tests.Cli;

/// <summary>
/// Bad command-line and configuration input, run through the real executable: one clear <c>error:</c> line naming the
/// option or configuration path, exit code 2, and never a stack trace (each of these printed one before).
/// </summary>
public sealed class CliInputErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-cli-").FullName;

    [Theory]
    [InlineData("--urls 'garbage': not a URL", "serve", "--urls", "garbage")]
    [InlineData("the port must be 0–65535", "serve", "--urls", "http://127.0.0.1:99999")]
    [InlineData("the host must be an IP address", "serve", "--urls", "http://no.such.host.invalid:0")]
    [InlineData("--urls is empty", "serve", "--urls", "")]
    [InlineData("--urls 'ftp://127.0.0.1:0': the scheme must be http", "simulate", "--urls", "ftp://127.0.0.1:0")]
    [InlineData("--rate-limit-scale must be a positive number (was NaN)", "simulate", "--urls", "http://127.0.0.1:0", "--rate-limit-scale", "NaN")]
    [InlineData("--poll-interval must be more than 0", "batch", "wait", "bj_none", "--poll-interval", "NaN")]
    [InlineData("--tenant must name a tenant", "keys", "new", "--tenant", "")]
    [InlineData("the key to hash is empty", "keys", "hash", "")]
    public async Task BadArgument_ExitsWithOneLine(string expected, params string[] arguments)
    {
        var (exit, _, error) = await SwitchyardProcess.RunAsync(arguments);

        AssertRefused(exit, error, expected);
    }

    [Fact]
    public async Task Serve_PortInUse_SaysSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var (exit, output, error) = await SwitchyardProcess.RunAsync("serve", "--urls", url);

        AssertRefused(exit, error, $"cannot listen on {url}");
        // The host's own "Hosting failed to start" line, with a ~3 KB stack trace, was on stdout as well.
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_UnknownLogLevel_IsRefusedWithItsPath()
    {
        var config = Write("switchyard.json", """{"Logging":{"LogLevel":{"Default":"Loud"}},"Switchyard":{}}""");

        var (exit, _, error) = await SwitchyardProcess.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--config", config);

        AssertRefused(exit, error, "Logging:LogLevel:Default must be one of Trace, Debug, Information, Warning, Error, Critical, None (was 'Loud')");
    }

    [Fact]
    public async Task Serve_TyposAndWrongTypesInsideLists_AreAllReportedWithTheirPaths()
    {
        var config = Write("switchyard.json", """
            {"Switchyard":{
              "Costs":{"Budgets":[{"Name":"day","Scope":"global","Window":"day","MaxUsd":5}]},
              "TimeoutTiers":{"fast":{"TotalMs":"20s"}}}}
            """);

        var (exit, _, error) = await SwitchyardProcess.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--config", config);

        AssertRefused(exit, error, "Switchyard:Costs:Budgets:0:MaxUsd is not a setting");
        Assert.Contains("Switchyard:TimeoutTiers:fast:TotalMs must be a whole number (32-bit) (was '20s')", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_DuplicateKeyAndStorageThatIsNotADatabase_NameTheKeyAndTheSetting()
    {
        var duplicate = Write("duplicate.json", """{"Switchyard":{"DefaultTier":"standard","defaulttier":"interactive"}}""");
        var notADatabase = Write("not-a-database.db", "plain text");
        var storage = Write("storage.json", "{\"Switchyard\":{\"Storage\":{\"Path\":\"" + notADatabase + "\"}}}");

        var (exit, _, error) = await SwitchyardProcess.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--config", duplicate);
        AssertRefused(exit, error, "Switchyard:defaulttier is given twice");

        (exit, _, error) = await SwitchyardProcess.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--config", storage);
        AssertRefused(exit, error, "Switchyard:Storage:Path");
    }

    [Fact]
    public async Task Batch_ConfigFileThatIsNotJson_IsAUsageError()
    {
        var config = Write("switchyard.json", """{"Switchyard":{"Routes":""");
        var input = Write("input.jsonl", "{}");

        var (exit, _, error) = await SwitchyardProcess.RunAsync(
            "batch", "submit", input, "--route", "chat", "--config", config, "--job-dir", Path.Combine(_directory, "jobs"));

        AssertRefused(exit, error, "is not valid JSON");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void AssertRefused(int exit, string error, string expected)
    {
        Assert.True(exit == 2, $"exit {exit}: {error}");
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
