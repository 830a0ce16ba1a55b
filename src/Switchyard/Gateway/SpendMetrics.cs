using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchyard.Gateway;

/// <summary>
/// Spend and budget reservations (meter <c>Switchyard.Gateway</c>), recorded where <see cref="CostGate"/> reserves and
/// settles. Tags carry tenant, route, provider and model names — never a key. Lock-free: counters only.
/// </summary>
internal static class SpendMetrics
{
    private static readonly Counter<double> Spend = GatewayMetrics.Meter.CreateCounter<double>("switchyard.spend", "USD", "Spend by tenant, route, provider and model, every billed attempt included.");
    private static readonly UpDownCounter<long> Active = GatewayMetrics.Meter.CreateUpDownCounter<long>("switchyard.reservations.active", "{reservation}", "Budget reservations held by requests in flight.");
    private static readonly UpDownCounter<double> Reserved = GatewayMetrics.Meter.CreateUpDownCounter<double>("switchyard.reservations.reserved", "USD", "USD held by budget reservations of requests in flight (their worst case).");

    /// <summary>Records what one billed attempt cost.</summary>
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
