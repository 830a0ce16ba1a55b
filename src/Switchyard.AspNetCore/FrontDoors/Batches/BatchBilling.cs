using System.Text.Json;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Costs;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;
using Switchyard.Model;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>
/// Bills an ended batch once: reads its results, prices each succeeded line's usage at batch prices, and appends one
/// spend row per model (<see cref="SpendRecord.Batch"/> = true, route <c>batch</c>) for the key that created the batch,
/// settling the reservation the batch held since its creation (<see cref="BatchAdmission"/>) when it holds one. The
/// once-only claim in <see cref="Storage.IBatchOwnership"/> is taken after the results were read and priced, just before
/// the append, so a failed download bills nothing and can be retried by the next observer.
/// </summary>
internal sealed class BatchBilling(GatewayRuntime runtime)
{
    public const string Route = "batch";

    /// <param name="batchId">The provider's batch id.</param>
    /// <param name="provider"><c>openai</c> or <c>anthropic</c>.</param>
    /// <param name="tenant">The owning tenant.</param>
    /// <param name="keyName">The key that created the batch.</param>
    /// <param name="results">The results (OpenAI output file, Anthropic results JSONL), or null when there are none.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public async Task BillOnceAsync(string batchId, string provider, string tenant, string keyName, Stream? results, CancellationToken cancellationToken)
    {
        var totals = results is null ? [] : await TotalAsync(results, provider == "anthropic", cancellationToken);
        var reservation = await runtime.BatchOwnership.FindReservationAsync(batchId, cancellationToken);
        if (!await runtime.BatchOwnership.ClaimBillingAsync(batchId, cancellationToken))
        {
            return;
        }

        var records = totals.Select(t => new SpendRecord(tenant, keyName, Route, provider, t.Key, Usage(t.Value), t.Value.Cost) { Batch = true }).ToList();
        foreach (var record in records)
        {
            SpendMetrics.RecordSpend(tenant, Route, provider, record.Model, record.CostUsd);
        }

        if (reservation is not null)
        {
            SpendMetrics.RecordReservation(tenant, reservation.Usd, -1);
            // The batch's hold becomes its first model's spend in one step; a batch that cost nothing just gives it back.
            if (records.Count == 0)
            {
                await runtime.Ledger.ReleaseAsync(reservation.Id, CancellationToken.None);
                return;
            }

            await runtime.Ledger.SettleAsync(reservation.Id, records[0], CancellationToken.None);
            records.RemoveAt(0);
        }

        foreach (var record in records)
        {
            await runtime.Ledger.RecordAsync(record, CancellationToken.None);
        }
    }

    private static TokenUsage Usage(Total total) => new(Clamp(total.Input), Clamp(total.Output), Clamp(total.Cached), Clamp(total.CacheWrite));

    private async Task<Dictionary<string, Total>> TotalAsync(Stream results, bool anthropic, CancellationToken cancellationToken)
    {
        var prices = CostConfiguration.Prices(runtime.Current.Options.Costs);
        var totals = new Dictionary<string, Total>(StringComparer.Ordinal);
        using var reader = new StreamReader(results);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            (string Model, TokenUsage Usage)? parsed;
            try
            {
                parsed = line.Length == 0 ? null : Usage(line, anthropic);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // A line that is not a result line bills nothing; the rest of the file still counts.
                parsed = null;
            }

            if (parsed is not { } found)
            {
                continue;
            }

            var (model, usage) = found;
            var total = totals.TryGetValue(model, out var t) ? t : new Total();
            total.Input += usage.InputTokens;
            total.Output += usage.OutputTokens;
            total.Cached += usage.CachedInputTokens;
            total.CacheWrite += usage.CacheWriteTokens;
            total.Cost += prices.Find(model) is { } price ? PriceBook.Cost(price, usage, batch: true) : 0m;
            totals[model] = total;
        }

        return totals;
    }

    /// <summary>The model and usage of a succeeded line; null for failed, canceled or expired lines.</summary>
    private static (string Model, TokenUsage Usage)? Usage(string line, bool anthropic)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (anthropic)
        {
            if (!root.TryGetProperty("result", out var result) || result.GetProperty("type").GetString() != "succeeded")
            {
                return null;
            }

            var message = result.GetProperty("message");
            var u = message.GetProperty("usage");
            var cacheRead = Int(u, "cache_read_input_tokens");
            var cacheWrite = Int(u, "cache_creation_input_tokens");
            var hourWrite = u.TryGetProperty("cache_creation", out var creation) && creation.ValueKind == JsonValueKind.Object ? Int(creation, "ephemeral_1h_input_tokens") : 0;
            // Anthropic's input_tokens excludes cache reads and writes; TokenUsage counts the whole prompt.
            return (message.GetProperty("model").GetString() ?? "unknown",
                new TokenUsage(Int(u, "input_tokens") + cacheRead + cacheWrite, Int(u, "output_tokens"), cacheRead, cacheWrite, HourCacheWriteTokens: hourWrite));
        }

        if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object
            || response.GetProperty("status_code").GetInt32() != 200 || !response.GetProperty("body").TryGetProperty("usage", out var usage))
        {
            return null;
        }

        var cached = usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object ? Int(details, "cached_tokens") : 0;
        return (response.GetProperty("body").GetProperty("model").GetString() ?? "unknown", new TokenUsage(Int(usage, "prompt_tokens"), Int(usage, "completion_tokens"), cached));
    }

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);

    private sealed class Total
    {
        public long Input;
        public long Output;
        public long Cached;
        public long CacheWrite;
        public decimal Cost;
    }
}
