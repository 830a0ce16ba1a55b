using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchyard.Gateway;

/// <summary>
/// Spend and budget reservations (meter <c>Switchyard.Gateway</c>), recorded where <see cref="CostGate"/> reserves and
/// settles, and where a host bills spend of its own (the gateway's batch doors). Tags carry tenant, route, provider and
/// model names — never a key. Lock-free: counters only.
/// </summary>
public static class SpendMetrics
{
    private static readonly Counter<double> Spend = GatewayMetrics.Meter.CreateCounter<double>("switchyard.spend", "USD", "Spend by tenant, route, provider and model, every billed attempt and batch included.");
    private static readonly UpDownCounter<long> Active = GatewayMetrics.Meter.CreateUpDownCounter<long>("switchyard.reservations.active", "{reservation}", "Budget reservations held by requests in flight and by batches not billed yet.");
    private static readonly UpDownCounter<double> Reserved = GatewayMetrics.Meter.CreateUpDownCounter<double>("switchyard.reservations.reserved", "USD", "USD held by budget reservations of requests in flight and of batches not billed yet (their worst case).");

    /// <summary>Records what one billed attempt (or one model of a billed batch) cost.</summary>
    public static void RecordSpend(string tenant, string route, string provider, string model, decimal usd)
    {
        if (usd <= 0)
        {
            return;
        }

        var tags = new TagList
        {
            { "switchyard.tenant", tenant },
            { "switchyard.route", route },
            { "gen_ai.provider.name", provider },
            { "gen_ai.request.model", model },
        };
        Spend.Add((double)usd, tags);
    }

    /// <summary>A reservation was taken (+1) or given back, settled or released (−1).</summary>
    public static void RecordReservation(string tenant, decimal usd, int delta)
    {
        var tenantTag = new KeyValuePair<string, object?>("switchyard.tenant", tenant);
        Active.Add(delta, tenantTag);
        Reserved.Add((double)usd * delta, tenantTag);
    }
}
