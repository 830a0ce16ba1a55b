using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// Budget reservations held by a gateway process that dies (SIGKILL, no settlement) keep counting against the budget
/// until their TTL, then stop: a second process on the same database refuses what would not fit next to them, and
/// admits it once they expire.
/// </summary>
public sealed partial class CrashedReservationTests : IAsyncLifetime
{
    private const string ClientKey = "sy-test-crash-0123456789";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.db");
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), $"switchyard-test-{Guid.NewGuid():N}.json");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private SimulatorServer _simulator = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = GatewayHarness.Seed });
        // $0.001 per output token: max_tokens 20 reserves $0.02; the $0.05 budget holds two such requests.
        await File.WriteAllTextAsync(_configFile, JsonSerializer.Serialize(new
        {
            Switchyard = new
            {
                Storage = new { Path = _database },
                Costs = new
                {
                    ReservationTtlSeconds = 8, // long enough for a loaded 2-core machine to observe the reservations before they expire
                    Prices = new Dictionary<string, object> { ["gpt-4o-mini"] = new { Input = 0, Output = 1000 } },
                    Budgets = new[] { new { Name = "cap", Scope = "tenant", LimitUsd = 0.05m } },
                },
            },
        }));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
        foreach (var file in new[] { _configFile, _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Serve_ProcessKilledWithRequestsInFlight_ItsReservationsCountUntilTheirTtlThenRelease()
    {
        var ct = TestContext.Current.CancellationToken;
        await SetScenarioAsync("""{"rules":[{"fault":{"kind":"stall","afterEvents":0,"seconds":30}}]}""");
        using var doomed = StartGateway();
        using var survivor = StartGateway();
        try
        {
            var (doomedUrl, survivorUrl) = (await ListeningOnAsync(doomed), await ListeningOnAsync(survivor));
            var inFlight = Enumerable.Range(0, 2).Select(_ => PostAsync(doomedUrl)).ToList();
            Assert.True(await EventuallyAsync(async () => await ReservedAsync(survivorUrl) == 0.04m), "the in-flight requests never reserved");
            var killedAt = Stopwatch.StartNew();

            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync(ct);
            await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, ct, TaskContinuationOptions.None, TaskScheduler.Default)));
            await SetScenarioAsync("""{"rules":[]}""");

            // Before the TTL: the dead reservations still count, so a third $0.02 worst case does not fit in $0.05.
            Assert.Equal(0.04m, await ReservedAsync(survivorUrl));
            Assert.Equal((HttpStatusCode)429, await PostAsync(survivorUrl));
            Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(6), "too slow to observe the reservations before their TTL");

            Assert.True(await EventuallyAsync(async () => await ReservedAsync(survivorUrl) == 0m), "the dead reservations never expired");
            Assert.Equal(HttpStatusCode.OK, await PostAsync(survivorUrl));
        }
        finally
        {
            foreach (var process in new[] { doomed, survivor })
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(ct);
                }
            }
        }
    }

    private Process StartGateway()
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "switchyard.dll")}\" serve --urls http://127.0.0.1:0 --log-level Warning --config \"{_configFile}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var simulator = _simulator.BaseAddress.ToString();
        info.Environment["OPENAI_API_KEY"] = "sk-sim-openai";
        info.Environment["OPENAI_BASE_URL"] = simulator;
        info.Environment["ANTHROPIC_API_KEY"] = "sk-sim-anthropic";
        info.Environment["ANTHROPIC_BASE_URL"] = simulator;
        info.Environment["SWITCHYARD_API_KEY"] = ClientKey;
        return Process.Start(info)!;
    }

    private static async Task<string> ListeningOnAsync(Process process)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("The gateway exited before listening: " + await process.StandardError.ReadToEndAsync(timeout.Token));
    }

    private async Task<HttpStatusCode> PostAsync(string gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway + "/v1/chat/completions")
        {
            Content = new StringContent(RoutingHarness.ChatBody("gpt-4o-mini", maxTokens: 20), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ClientKey);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<decimal> ReservedAsync(string gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, gateway + "/admin/budgets");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ClientKey);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("budgets").EnumerateArray().Single().GetProperty("reserved_usd").GetDecimal();
    }

    private async Task SetScenarioAsync(string json)
    {
        using var response = await _http.PutAsync(new Uri(_simulator.BaseAddress, "/_sim/scenario"), new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls for up to 15 s: longer than the 8 s reservation TTL, however early the kill came.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningOn();
}
