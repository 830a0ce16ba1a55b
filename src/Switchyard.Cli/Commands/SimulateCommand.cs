using System.CommandLine;
using Switchyard.Simulator;

namespace Switchyard.Cli.Commands;

/// <summary><c>switchyard simulate</c>: runs the OpenAI + Anthropic emulator, optionally with a fault scenario.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "URLs to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:8081" };
        var scenario = new Option<FileInfo?>("--scenario") { Description = "A scenario JSON file (see docs/simulator.md)." };
        var scale = new Option<double>("--rate-limit-scale") { Description = "Multiply the rate limits advertised in headers (benchmarks).", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Run the provider simulator (OpenAI and Anthropic wire formats, scripted faults).") { urls, scenario, scale };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(urls)!, result.GetValue(scenario), result.GetValue(scale), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string urls, FileInfo? scenarioFile, double rateLimitScale, CancellationToken cancellationToken)
    {
        if (ListenUrls.Problem(urls) is { } urlProblem)
        {
            await Console.Error.WriteLineAsync($"error: {urlProblem}");
            return 2;
        }

        // NaN, zero or a negative scale would advertise nonsense limits (or none) in every rate-limit header.
        if (!double.IsFinite(rateLimitScale) || rateLimitScale <= 0)
        {
            await Console.Error.WriteLineAsync($"error: --rate-limit-scale must be a positive number (was {rateLimitScale.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
            return 2;
        }

        Scenario? scenario = null;
        if (scenarioFile is not null)
        {
            try
            {
                scenario = Scenario.Load(scenarioFile.FullName);
            }
            catch (Exception ex) when (ex is ScenarioException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(Directory.Exists(scenarioFile.FullName)
                    ? $"error: --scenario {scenarioFile.FullName} is a directory, not a scenario file."
                    : $"error: {ex.Message}");
                return 2;
            }
        }

        SimulatorServer simulator;
        try
        {
            simulator = await SimulatorServer.StartAsync(urls, new SimulatorOptions { Scenario = scenario, RateLimitScale = rateLimitScale }, cancellationToken);
        }
        catch (Exception ex) when (ListenUrls.BindFailure(ex, urls) is { } bindFailure)
        {
            await Console.Error.WriteLineAsync($"error: {bindFailure}");
            return 2;
        }

        await using var running = simulator;
        Console.WriteLine($"Switchyard simulator listening on {simulator.BaseAddress.ToString().TrimEnd('/')}");
        Console.WriteLine("Endpoints: POST /v1/chat/completions, GET /v1/models, POST /v1/messages; control: PUT /_sim/scenario, GET /_sim/stats, POST /_sim/reset");
        await simulator.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
