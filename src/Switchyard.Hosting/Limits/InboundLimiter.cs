using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Limits;

/// <summary>
/// Per-tenant and per-key token buckets for requests and tokens per minute (System.Threading.RateLimiting), refilled
/// smoothly rather than once a minute so that a burst cannot take a whole minute's allowance at once and then wait.
/// Thread-safe; buckets are created on first use and live as long as the process.
/// </summary>
public sealed class InboundLimiter : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>The result of one admission check.</summary>
    /// <param name="Admitted">Whether the request may proceed.</param>
    /// <param name="RetryAfter">When refused: how long until it would fit.</param>
    /// <param name="Window">The tightest request window (limit, remaining) for the response headers, if any limit applies.</param>
    /// <param name="Reason">When refused: which limit.</param>
    public readonly record struct Decision(bool Admitted, TimeSpan? RetryAfter, (int Limit, long Remaining)? Window, string? Reason);

    /// <summary>Takes one request and <paramref name="tokens"/> tokens from every bucket that applies to the caller.</summary>
    public Decision TryAdmit(InboundLimitOptions options, Caller caller, int tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caller);
        var tenantLimits = options.Tenants.GetValueOrDefault(caller.Tenant) ?? options.Tenant;
        (int Limit, long Remaining)? window = null;
        var checks = new (string Key, int? Limit, int Count, string Reason)[]
        {
            ($"tenant-rpm:{caller.Tenant}", tenantLimits.RequestsPerMinute, 1, $"tenant '{caller.Tenant}' requests per minute"),
            // Keys are bucketed under their tenant: the same key name in two tenants (the process keys' names among
            // them) never shares an allowance.
            ($"key-rpm:{caller.Tenant}/{caller.KeyName}", options.Key.RequestsPerMinute, 1, $"key '{caller.KeyName}' requests per minute"),
            ($"tenant-tpm:{caller.Tenant}", tenantLimits.TokensPerMinute, tokens, $"tenant '{caller.Tenant}' tokens per minute"),
            ($"key-tpm:{caller.Tenant}/{caller.KeyName}", options.Key.TokensPerMinute, tokens, $"key '{caller.KeyName}' tokens per minute"),
        };
        foreach (var (key, limit, count, reason) in checks)
        {
            if (limit is not { } perMinute)
            {
                continue;
            }

            var bucket = _buckets.GetOrAdd($"{key}:{perMinute}", _ => Create(perMinute));
            if (count > perMinute)
            {
                return new Decision(false, TimeSpan.FromMinutes(1), window, $"{reason}: one request of {count} tokens exceeds the limit of {perMinute}");
            }

            using var lease = bucket.AttemptAcquire(count);
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                return new Decision(false, wait, window, reason);
            }

            if (count == 1)
            {
                var remaining = bucket.GetStatistics()?.CurrentAvailablePermits ?? 0;
                if (window is null || remaining < window.Value.Remaining)
                {
                    window = (perMinute, remaining);
                }
            }
        }

        return new Decision(true, null, window, null);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    private static TokenBucketRateLimiter Create(int perMinute)
    {
        // Refill every second (or every 60/limit seconds for small limits), so the rate holds over any window.
        var (period, perPeriod) = perMinute >= 60
            ? (TimeSpan.FromSeconds(1), perMinute / 60)
            : (TimeSpan.FromSeconds(60.0 / perMinute), 1);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
