using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting.Auth;

namespace Switchyard.EndToEnd.Tests.Hosting;

/// <summary>
/// A configuration file that is deleted, or saved half-written, while the gateway runs is rejected with the reason and
/// the last good configuration keeps serving. Before, a deleted file applied as an empty configuration (no keys, no
/// routes, no budgets) and invalid JSON was dropped on the polling thread without a word; and until this file's
/// sections were kept, its log levels fell back to the defaults while the file was broken.
/// </summary>
public sealed class ConfigReloadRejectionTests : ConfigFileGatewayTest
{
    private const string Key = "sy-test-reload";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConfigFile_HalfWrittenThenDeleted_IsRejected_AndTheKeyKeepsWorking()
    {
        await File.WriteAllTextAsync(ConfigFile, $$$"""
            {"Logging":{"LogLevel":{"Switchyard":"Warning"}},"Switchyard":{"Keys":[{"Tenant":"acme","Hash":"{{{KeyHash.Compute(Key)}}}"}]}}
            """, Ct);
        await using var gateway = await StartAsync(ProviderSettings(), ConfigFile);
        var reloader = gateway.Services.GetRequiredService<ConfigurationReloader>();
        var logger = gateway.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Gateway");
        Assert.False(logger.IsEnabled(LogLevel.Information));
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, await ListModelsAsync(gateway, http));

        await File.WriteAllTextAsync(ConfigFile, """{"Switchyard":{"Keys":[""", Ct);
        Assert.True(await EventuallyAsync(() => Task.FromResult(reloader.LastErrors.Any(e => e.Contains("is not valid JSON", StringComparison.Ordinal)))),
            "the half-written file was not rejected");
        Assert.Equal(HttpStatusCode.OK, await ListModelsAsync(gateway, http));
        AssertFileSectionsKept(gateway, logger);

        File.Delete(ConfigFile);
        Assert.True(await EventuallyAsync(() => Task.FromResult(reloader.LastErrors.Any(e => e.Contains("does not exist", StringComparison.Ordinal)))),
            "the deleted file was not rejected");
        Assert.Equal(HttpStatusCode.OK, await ListModelsAsync(gateway, http));
        AssertFileSectionsKept(gateway, logger);
        Assert.Equal(0, reloader.Applied);
    }

    [Fact]
    public async Task ConfigFile_UnknownLogLevel_IsRejectedWithItsPath_AndTheLastLevelsKeepApplying()
    {
        await File.WriteAllTextAsync(ConfigFile, $$$"""
            {"Logging":{"LogLevel":{"Switchyard":"Warning"}},"Switchyard":{"Keys":[{"Tenant":"acme","Hash":"{{{KeyHash.Compute(Key)}}}"}]}}
            """, Ct);
        await using var gateway = await StartAsync(ProviderSettings(), ConfigFile);
        var reloader = gateway.Services.GetRequiredService<ConfigurationReloader>();
        var logger = gateway.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Gateway");

        await File.WriteAllTextAsync(ConfigFile, $$$"""
            {"Logging":{"LogLevel":{"Switchyard":"Loud"}},"Switchyard":{"Keys":[{"Tenant":"acme","Hash":"{{{KeyHash.Compute(Key)}}}"}]}}
            """, Ct);

        Assert.True(await EventuallyAsync(() => Task.FromResult(reloader.LastErrors.Any(e => e.StartsWith("Logging:LogLevel:Switchyard must be one of", StringComparison.Ordinal)))),
            "the unknown log level was not rejected: " + string.Join(" | ", reloader.LastErrors));
        Assert.Equal(0, reloader.Applied);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, await ListModelsAsync(gateway, http));
        AssertFileSectionsKept(gateway, logger);
    }

    [Fact]
    public async Task Start_UnknownLogLevelFromTheEnvironmentLayer_IsRefusedWithItsPath()
    {
        var settings = ProviderSettings();
        settings["Logging:Console:LogLevel:Default"] = "Loud";

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith("Logging:Console:LogLevel:Default must be one of", StringComparison.Ordinal));
    }

    /// <summary>The file's other sections keep their last good values: its log levels did not fall back to the defaults.</summary>
    private static void AssertFileSectionsKept(GatewayServer gateway, ILogger logger)
    {
        Assert.Equal("Warning", gateway.Services.GetRequiredService<IConfiguration>()["Logging:LogLevel:Switchyard"]);
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    private static async Task<HttpStatusCode> ListModelsAsync(GatewayServer gateway, HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseAddress, "/v1/models"));
        request.Headers.Add("Authorization", "Bearer " + Key);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
