using Microsoft.Extensions.Options;
using Switchyard.AspNetCore.Hosting;

namespace Switchyard.EndToEnd.Tests.Hosting;

/// <summary>
/// Provider base URLs are checked where the user wrote them and named as the user wrote them: a bad URL in the file
/// was not seen when <c>serve</c> (no provider keys) replaced it with the simulator's, and <c>OPENAI_BASE_URL=garbage</c>
/// was reported as the setting it is copied to.
/// </summary>
public sealed class ConfigSourceValidationTests : ConfigFileGatewayTest
{
    [Fact]
    public async Task BaseUrlInTheFile_IsRefused_EvenWhenALaterLayerReplacesIt()
    {
        await File.WriteAllTextAsync(ConfigFile, """
            {"Switchyard":{"Providers":{"OpenAI":{"BaseUrl":"not a url"},"Anthropic":{"BaseUrl":"https://user:pw@api.anthropic.com"}}}}
            """, TestContext.Current.CancellationToken);

        var failures = await FailuresAsync(ConfigFile, new Dictionary<string, string?>());

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Providers:OpenAI:BaseUrl must be an absolute http(s) URL (was 'not a url')", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Providers:Anthropic:BaseUrl must not hold credentials", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("pw@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BaseUrlVariable_IsNamedInItsError()
    {
        var failures = await FailuresAsync(null, new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = "garbage" });

        Assert.Contains(failures, f => f.StartsWith("OPENAI_BASE_URL must be an absolute http(s) URL (was 'garbage')", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("Switchyard:Providers:OpenAI:BaseUrl", StringComparison.Ordinal));
    }

    // serve without provider keys: the simulator's address and key are the highest layer (ProviderSettings here).
    private async Task<IReadOnlyList<string>> FailuresAsync(string? configFile, Dictionary<string, string?> environment)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(new GatewayServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Environment = environment,
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical,
            Settings = ProviderSettings(),
            ConfigFile = configFile,
        }, TestContext.Current.CancellationToken));
        return [.. error.Failures];
    }
}
