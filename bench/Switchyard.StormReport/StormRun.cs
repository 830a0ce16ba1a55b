using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;
using Switchyard.Simulator;

namespace Switchyard.StormReport;

/// <summary>
/// One scenario under one configuration: a fresh simulator and a fresh gateway in-process on loopback (port 0), a
/// warm-up on the calm simulator, then closed-loop load for the compressed storm and as long again after it.
/// </summary>
internal static class StormRun
{
    private const string Key = "sy-bench-storm-0123456789";

    public static async Task<StormResult> RunAsync(StormScenario scenario, GatewayConfiguration configuration, BenchSettings bench, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"switchyard-stormreport-{Guid.NewGuid():N}.db");
        try
        {
            await using var simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = 42 }, cancellationToken);
            var simulatorUrl = simulator.BaseAddress.ToString();
            var settings = new Dictionary<string, string?>
            {
                ["Switchyard:Storage:Path"] = databasePath,
                ["Switchyard:Providers:OpenAI:BaseUrl"] = simulatorUrl,
                ["Switchyard:Providers:OpenAI:ApiKey"] = "sk-sim-openai",
                ["Switchyard:Providers:Anthropic:BaseUrl"] = simulatorUrl,
                ["Switchyard:Providers:Anthropic:ApiKey"] = "sk-sim-anthropic",
            };
            foreach (var (key, value) in configuration.Settings)
            {
                settings[key] = value;
            }

            await using var gateway = await GatewayServer.StartAsync(
                new GatewayServerOptions
                {
                    Urls = "http://127.0.0.1:0",
                    Environment = new Dictionary<string, string?> { ["SWITCHYARD_API_KEY"] = Key },
                    MinimumLogLevel = LogLevel.Error,
                    Settings = settings,
                },
                cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
            var client = new Client(http, gateway.BaseAddress, simulator.BaseAddress, scenario.Stream);

            // Warm-up on the calm simulator (same latency, no rules): every client once, all served by the primary.
            await client.SetScenarioAsync(scenario.Calm(), cancellationToken);
            var origin = Stopwatch.GetTimestamp();
            var warmUp = await Task.WhenAll(Enumerable.Range(0, bench.Clients).Select(_ => client.SendAsync(origin, cancellationToken)));
            if (warmUp.Any(r => !r.ServedByPrimary))
            {
                throw new InvalidOperationException($"{scenario.Title} / {configuration.Name}: the warm-up was not served by the primary: " + string.Join(", ", warmUp));
            }

            // Clear the counters, install the storm: this instant is t = 0.
            await client.ResetStatsAsync(cancellationToken);
            await client.SetScenarioAsync(scenario.Json, cancellationToken);
            var start = Stopwatch.GetTimestamp();
            var runLength = scenario.StormLength * 2;
            var records = new ConcurrentQueue<RequestRecord>();
            var atStormEnd = Task.Run(
                async () =>
                {
                    var wait = scenario.StormLength - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }

                    return await client.StatsAsync(cancellationToken);
                },
                cancellationToken);
            var pace = TimeSpan.FromMilliseconds(bench.PaceMs);
            await Task.WhenAll(Enumerable.Range(0, bench.Clients).Select(_ => Task.Run(
                async () =>
                {
                    while (Stopwatch.GetElapsedTime(start) < runLength)
                    {
                        var record = await client.SendAsync(start, cancellationToken);
                        records.Enqueue(record);
                        var rest = pace - record.Latency;
                        if (rest > TimeSpan.Zero)
                        {
                            await Task.Delay(rest, cancellationToken);
                        }
                    }
                },
                cancellationToken)));
            return new StormResult(
                scenario,
                configuration,
                [.. records.OrderBy(r => r.Start)],
                SimulatorCounts.From(await atStormEnd),
                SimulatorCounts.From(await client.StatsAsync(cancellationToken)));
        }
        finally
        {
            foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The load client: chat requests to the gateway and the simulator's control endpoints.</summary>
    private sealed class Client(HttpClient http, Uri gateway, Uri simulator, bool stream)
    {
        private readonly string _body = JsonSerializer.Serialize(new
        {
            model = GatewayConfiguration.RouteName,
            stream,
            max_tokens = 16,
            messages = new object[] { new { role = "user", content = "Tell me about rivers." } },
        });

        /// <summary>One client request; times are relative to the <see cref="Stopwatch"/> timestamp <paramref name="origin"/>.</summary>
        public async Task<RequestRecord> SendAsync(long origin, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetElapsedTime(origin);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "/v1/chat/completions"))
                {
                    Content = new StringContent(_body, Encoding.UTF8, "application/json"),
                };
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var complete = response.StatusCode == HttpStatusCode.OK && (!stream || body.Contains("[DONE]", StringComparison.Ordinal));
                return new RequestRecord(
                    started,
                    Stopwatch.GetElapsedTime(origin),
                    (int)response.StatusCode,
                    complete,
                    Header(response, "x-switchyard-provider"),
                    int.TryParse(Header(response, "x-switchyard-attempts"), CultureInfo.InvariantCulture, out var attempts) ? attempts : 0);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new RequestRecord(started, Stopwatch.GetElapsedTime(origin), 0, false, null, 0);
            }
        }

        public async Task SetScenarioAsync(string json, CancellationToken cancellationToken)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PutAsync(new Uri(simulator, "/_sim/scenario"), content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        public async Task ResetStatsAsync(CancellationToken cancellationToken)
        {
            using var response = await http.PostAsync(new Uri(simulator, "/_sim/reset"), null, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        public async Task<JsonElement> StatsAsync(CancellationToken cancellationToken) =>
            await http.GetFromJsonAsync<JsonElement>(new Uri(simulator, "/_sim/stats"), cancellationToken);

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
