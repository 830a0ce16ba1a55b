using System.Text;
using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Tests.Configuration;

/// <summary>
/// The <c>--config</c> file is untrusted input: whatever .NET configuration would refuse with an exception naming no
/// key, or read silently as something else, is reported with the file and the key.
/// </summary>
public sealed class ConfigFileGuardTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"switchyard-guard-{Guid.NewGuid():N}.json");

    [Fact]
    public void KeyGivenTwice_InAnyCase_IsReportedWithItsPath()
    {
        var problems = Check("""{"Switchyard":{"Routes":{"fast":{"Targets":[]},"FAST":{"Targets":[]}},"DefaultTier":"a","DefaultTier":"b"}}""");

        Assert.Contains(problems, p => p.StartsWith("Switchyard:Routes:FAST is given twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switchyard:DefaultTier is given twice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[1, 2]", "not array")]
    [InlineData("null", "not null")]
    [InlineData("\"Switchyard\"", "not string")]
    public void TopLevelNotAnObject_IsRefused(string json, string expected)
    {
        Assert.Contains(expected, Assert.Single(Check(json)), StringComparison.Ordinal);
    }

    [Fact]
    public void MisspelledSection_IsRefused_InsteadOfStartingWithNoKeysOrBudgets()
    {
        var problem = Assert.Single(Check("""{"Switchyrd":{"Keys":[]}, "Logging":{}, "$schema":"x"}"""));

        Assert.StartsWith("Switchyrd is not a section Switchyard reads", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_IsRefusedWithItsLine_RatherThanReadAsReplacementCharacters()
    {
        File.WriteAllBytes(_file, [.. Encoding.UTF8.GetBytes("{\n\"Switchyard\": {\"DefaultTier\": \"st"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}}")]);

        Assert.Contains("is not valid UTF-8 (line 2)", Assert.Single(ConfigFileGuard.Problems(_file)), StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8ByteOrderMark_IsAccepted_AsDotNetConfigurationDoes()
    {
        File.WriteAllBytes(_file, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("""{"Switchyard":{}}""")]);

        Assert.Empty(ConfigFileGuard.Problems(_file));
    }

    [Fact]
    public void Utf16_MissingFile_AndDirectory_SayWhatIsWrong()
    {
        File.WriteAllBytes(_file, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{}")).ToArray());

        Assert.Contains("is UTF-16 text", Assert.Single(ConfigFileGuard.Problems(_file)), StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Single(ConfigFileGuard.Problems(_file + ".missing")), StringComparison.Ordinal);
        Assert.Contains("is a directory", Assert.Single(ConfigFileGuard.Problems(Path.GetTempPath())), StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderKeyInTheFile_IsRefused_WithoutPrintingIt()
    {
        var problem = Assert.Single(Check("""{"Switchyard":{"Providers":{"OpenAI":{"apikey":"sk-live-do-not-print"}}}}"""));

        Assert.Contains("Switchyard:Providers:OpenAI:ApiKey must not be in a configuration file", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", problem, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);

    private IReadOnlyList<string> Check(string json)
    {
        File.WriteAllText(_file, json);
        return ConfigFileGuard.Problems(_file);
    }
}
