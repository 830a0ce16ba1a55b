using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;
using Switchyard.Simulator;

namespace Switchyard.Cli.Commands;

/// <summary>
/// <c>switchyard serve</c>: runs the gateway. With no provider key in the environment it starts the built-in simulator
/// for both providers, so a fresh machine sees the whole system work without an account.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "URLs to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var config = new Option<FileInfo?>("--config") { Description = "A switchyard.json configuration file (see docs/configuration.md)." };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum console log level.", DefaultValueFactory = _ => LogLevel.Information };
        var command = new Command("serve", "Run the gateway (OpenAI- and Anthropic-compatible HTTP).") { urls, config, logLevel };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(urls)!, result.GetValue(config), result.GetValue(logLevel), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string urls, FileInfo? config, LogLevel logLevel, CancellationToken cancellationToken)
    {
        if (ListenUrls.Problem(urls) is { } urlProblem)
        {
            await Console.Error.WriteLineAsync($"error: {urlProblem}");
            return 2;
        }

        if (config is { Exists: false })
        {
            await Console.Error.WriteLineAsync(Directory.Exists(config.FullName)
                ? $"error: --config {config.FullName} is a directory, not a configuration file."
                : $"error: configuration file not found: {config.FullName}");
            return 2;
        }

        var noProviderKeys = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OPENAI_API_KEY"))
            && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"));
        await using var simulator = noProviderKeys
            ? await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions(), cancellationToken)
            : null;
        var settings = new Dictionary<string, string?>();
        if (simulator is not null)
        {
            foreach (var provider in new[] { "OpenAI", "Anthropic" })
            {
                settings[$"Switchyard:Providers:{provider}:BaseUrl"] = simulator.BaseAddress.ToString();
                settings[$"Switchyard:Providers:{provider}:ApiKey"] = "sk-simulator";
            }
        }

        GatewayServer gateway;
        try
        {
            gateway = await GatewayServer.StartAsync(
                new GatewayServerOptions { Urls = urls, ConfigFile = config?.FullName, Settings = settings, MinimumLogLevel = logLevel },
                cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("error: the configuration is invalid:");
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"  - {failure}");
            }

            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"error: the configuration is invalid: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ListenUrls.BindFailure(ex, urls) is { } bindFailure)
        {
            await Console.Error.WriteLineAsync($"error: {bindFailure}");
            return 2;
        }

        await using (gateway)
        {
            Banner.Print(gateway, simulator?.BaseAddress);
            await gateway.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }
}
