using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.AspNetCore.Hosting;
using Switchyard.EndToEnd.Tests.Routing;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;
using Switchyard.Resilience;

namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>
/// A gateway with storm control on and short breaker durations in front of the simulator, route <c>storm</c> =
/// primary <see cref="RoutingHarness.PrimaryModel"/> then secondary <see cref="RoutingHarness.SecondaryModel"/>, and a
/// closed-loop load driver that runs a compressed scenario and records every client request and every transition of
/// the primary's breaker. One harness per storm: breaker state lives as long as the gateway.
/// </summary>
public class StormHarness : RoutingHarness
{
    public const string RouteName = "storm";

    /// <summary>Concurrent clients, each sending one request at a time.</summary>
    public const int Clients = 10;

    /// <summary>Each client starts a request at most this often (about 100 requests/s in all).</summary>
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxBreakDuration = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan FirstTokenTimeout = TimeSpan.FromMilliseconds(500);

    public const int HalfOpenProbes = 1;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        Setting("Switchyard:StormControl", "true"),
        .. Route(RouteName, PrimaryModel, SecondaryModel),
        Setting($"Switchyard:Routes:{RouteName}:Tier", "storm"),
        Setting("Switchyard:TimeoutTiers:storm:FirstTokenMs", ((int)FirstTokenTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
        Setting("Switchyard:TimeoutTiers:storm:TotalMs", "10000"),
        Setting("Switchyard:Resilience:CircuitBreaker:BreakDuration", BreakDuration.ToString("c", CultureInfo.InvariantCulture)),
        Setting("Switchyard:Resilience:CircuitBreaker:MaxBreakDuration", MaxBreakDuration.ToString("c", CultureInfo.InvariantCulture)),
        Setting("Switchyard:Resilience:CircuitBreaker:HalfOpenProbes", HalfOpenProbes.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The storm-control options the gateway bound from configuration.</summary>
    public ResilienceOptions BoundResilience => Gateway.Services.GetRequiredService<IOptions<SwitchyardOptions>>().Value.Resilience;

    /// <summary>
    /// Warms the primary up on a calm simulator, clears the counters, installs the storm and drives load for the storm
    /// plus <paramref name="after"/>.
    /// </summary>
    public async Task<StormReport> RunAsync(StormScenario scenario, bool stream, TimeSpan after, CancellationToken cancellationToken)
    {
        await ResetSimulatorAsync();
        await SetScenarioAsync(scenario.Calm());

        // A few requests one at a time first: a cold process (JIT, first database writes) on a busy machine can miss
        // the storm tier's tight first-token timeout, which says nothing about storm control. If one did, give the
        // breaker time to close before the real warm-up.
        var cold = new List<RequestRecord>();
        for (var i = 0; i < 3; i++)
        {
            cold.Add(await SendAsync(stream, DateTimeOffset.UtcNow, cancellationToken));
        }

        if (cold.Any(r => !r.Succeeded || r.Provider != "openai"))
        {
            await Task.Delay(MaxBreakDuration + BreakDuration, cancellationToken);
        }

        var warmUp = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => SendAsync(stream, DateTimeOffset.UtcNow, cancellationToken)));
        if (warmUp.Any(r => !r.Succeeded || r.Provider != "openai"))
        {
            throw new InvalidOperationException("The warm-up was not served by the primary: " + string.Join(", ", warmUp));
        }

        var runtime = Gateway.Services.GetRequiredService<GatewayRuntime>();
        var transitions = new ConcurrentQueue<BreakerTransition>();
        void OnTransition(object? sender, BreakerTransition t)
        {
            if (t.Name.Contains(PrimaryModel, StringComparison.Ordinal))
            {
                transitions.Enqueue(t);
            }
        }

        var resilience = runtime.Resilience ?? throw new InvalidOperationException("Storm control is off.");
        resilience.BreakerTransitioned += OnTransition;
        try
        {
            using var reset = await Http.PostAsync(new Uri(Simulator.BaseAddress, "/_sim/reset"), null, cancellationToken);
            reset.EnsureSuccessStatusCode();
            await SetScenarioAsync(scenario.Json);
            var start = DateTimeOffset.UtcNow;
            var end = start + scenario.StormLength + after;
            var records = new ConcurrentQueue<RequestRecord>();
            var atStormEnd = Task.Run(
                async () =>
                {
                    await Task.Delay(scenario.StormLength, cancellationToken);
                    return await SimulatorStatsAsync();
                },
                cancellationToken);
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(
                async () =>
                {
                    while (DateTimeOffset.UtcNow < end)
                    {
                        var record = await SendAsync(stream, start, cancellationToken);
                        records.Enqueue(record);
                        var rest = Pace - (record.End - record.Start);
                        if (rest > TimeSpan.Zero)
                        {
                            await Task.Delay(rest, cancellationToken);
                        }
                    }
                },
                cancellationToken)));
            return new StormReport(
                scenario,
                [.. records.OrderBy(r => r.Start)],
                [.. transitions.Select(t => new BreakerEvent(t.At - start, t.To, t.Reason))],
                await atStormEnd,
                await SimulatorStatsAsync());
        }
        finally
        {
            resilience.BreakerTransitioned -= OnTransition;
        }
    }

    /// <summary>One client request; times are relative to <paramref name="origin"/>.</summary>
    private async Task<RequestRecord> SendAsync(bool stream, DateTimeOffset origin, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow - origin;
        try
        {
            using var response = await PostChatAsync(ChatBody(RouteName, stream, maxTokens: 16));
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var complete = response.StatusCode == HttpStatusCode.OK && (!stream || body.Contains("[DONE]", StringComparison.Ordinal));
            return new RequestRecord(
                started,
                DateTimeOffset.UtcNow - origin,
                (int)response.StatusCode,
                complete,
                Header(response, "x-switchyard-provider"),
                int.TryParse(Header(response, "x-switchyard-attempts"), CultureInfo.InvariantCulture, out var attempts) ? attempts : 0);
        }
        catch (HttpRequestException)
        {
            return new RequestRecord(started, DateTimeOffset.UtcNow - origin, 0, false, null, 0);
        }
    }
}
