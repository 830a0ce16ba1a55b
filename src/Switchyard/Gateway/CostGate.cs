using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Routing;

namespace Switchyard.Gateway;

/// <summary>
/// Reserve-then-settle around the attempt loop: estimates a request's worst case (token estimate × the priciest target
/// of its route), applies the per-request cap, reserves it against every budget that applies, and afterwards settles
/// the reservation to what the attempts really cost (usage when the provider reported it, an estimate when a stream
/// broke or a hedge was cancelled) or releases it when no attempt reached a provider. Thread-safe.
/// </summary>
/// <param name="prices">The price book.</param>
/// <param name="estimator">Prompt token estimator.</param>
/// <param name="ledger">Where spend is recorded and budgets are reserved; null records nothing.</param>
/// <param name="policy">The per-request cap and reservation settings.</param>
/// <param name="budgetsConfigured">Whether any budget exists; without one there is nothing to reserve against, and the
/// request path skips the ledger round trip before the call (spend is still recorded after it).</param>
public sealed class CostGate(PriceBook prices, ITokenEstimator estimator, IBudgetLedger? ledger, CostPolicy policy, bool budgetsConfigured = true)
{
    /// <summary>The policy in force.</summary>
    public CostPolicy Policy => policy;

    /// <summary>The price of a target: its own override, else the price book; null when unknown (counted as free).</summary>
    public ModelPrice? PriceOf(RouteTarget target) => target.Price ?? prices.Find(target.Model);

    /// <summary>Estimates, caps and reserves. Never throws for budget outcomes: a refusal comes back in <see cref="CostAdmission.Refusal"/>.</summary>
    public async Task<CostAdmission> AdmitAsync(GatewayRequest request, Route route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        if (policy.RejectUnpricedModels && route.Targets.FirstOrDefault(t => PriceOf(t) is null) is { } unpriced)
        {
            return new CostAdmission
            {
                Refusal = new Failure(FailureKind.PermissionDenied, $"The model `{unpriced.Model}` has no price on this gateway, which refuses models it cannot bill (Costs:UnpricedModels is 'reject'). Its operator can price it under Switchyard:Costs:Prices or PriceList.")
                {
                    Param = "model",
                    ProviderErrorCode = "model_not_priced",
                },
            };
        }

        // Tokenizing is the costly part of admission: once per distinct model, not per target. Embeddings are their
        // inputs only (their request says zero output tokens).
        var inputTokens = route.Targets.Select(t => t.Model).Distinct(StringComparer.Ordinal).Max(model => request.Embeddings is { } embeddings
            ? TokenEstimator.EstimateEmbeddingTokens(embeddings, model)
            : estimator.EstimateInputTokens(request.Request, model));
        var maxOutput = request.Request.MaxOutputTokens ?? policy.DefaultMaxOutputTokens;
        var priced = route.Targets.Select(PriceOf).OfType<ModelPrice>().ToList();
        var cacheWrite = request.Embeddings is null ? CacheWrites.Of(request.Request) : CacheWriteKind.None;
        decimal WorstCase(int output) => priced.Count == 0 ? 0m : priced.Max(p => PriceBook.MaxCost(p, inputTokens, output, cacheWrite: cacheWrite));

        int? clamp = null;
        var estimate = WorstCase(maxOutput);
        if (policy.MaxRequestUsd is { } cap && estimate > cap)
        {
            if (policy.RequestCapAction == RequestCapAction.Reject || Clamp(priced, inputTokens, cap, cacheWrite) is not { } fitted)
            {
                return new CostAdmission
                {
                    InputTokens = inputTokens,
                    EstimatedMaxUsd = estimate,
                    Refusal = new Failure(FailureKind.BudgetExceeded, maxOutput == 0
                        ? $"This request could cost up to ${estimate:0.######} ({inputTokens} input tokens estimated), over the per-request cap of ${cap:0.######}. Send fewer or shorter inputs."
                        : $"This request could cost up to ${estimate:0.######} ({inputTokens} input tokens estimated, up to {maxOutput} output tokens), over the per-request cap of ${cap:0.######}. Lower max_tokens or shorten the prompt.")
                    {
                        ProviderErrorCode = "budget_exceeded",
                    },
                };
            }

            clamp = fitted;
            estimate = WorstCase(fitted);
        }

        if (ledger is null || !budgetsConfigured)
        {
            return new CostAdmission { InputTokens = inputTokens, EstimatedMaxUsd = estimate, ClampedMaxOutputTokens = clamp };
        }

        // Hedged routes may run two attempts at once; both are billed, so both are reserved.
        var reserve = route.HedgeAfter is null ? estimate : estimate * 2;
        var first = route.Targets[0];
        var outcome = await ledger.ReserveAsync(
            new ReservationRequest(request.Tenant, request.KeyName, route.Name, first.Provider, first.Model, reserve),
            policy.ReservationTtl,
            cancellationToken);
        if (!outcome.Admitted)
        {
            var blocked = outcome.BlockedBy!;
            return new CostAdmission
            {
                InputTokens = inputTokens,
                EstimatedMaxUsd = reserve,
                Budgets = outcome.Budgets,
                Refusal = new Failure(FailureKind.BudgetExceeded, $"{blocked.ExhaustedText()}; this request could cost up to ${reserve:0.######}.")
                {
                    ProviderErrorCode = "budget_exceeded",
                },
            };
        }

        SpendMetrics.RecordReservation(request.Tenant, reserve, +1);
        return new CostAdmission
        {
            ReservationId = outcome.ReservationId,
            Tenant = request.Tenant,
            InputTokens = inputTokens,
            EstimatedMaxUsd = reserve,
            ClampedMaxOutputTokens = clamp,
            Budgets = outcome.Budgets,
            SoftExceeded = outcome.SoftExceeded,
            DowngradeRoute = outcome.SoftExceeded.Select(b => b.DowngradeRoute).FirstOrDefault(r => r is not null && r != route.Name),
        };
    }

    /// <summary>Gives a reservation back unused (the request was downgraded before any attempt).</summary>
    public Task ReleaseAsync(CostAdmission admission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admission);
        if (ledger is null || admission.ReservationId is not { } id)
        {
            return Task.CompletedTask;
        }

        SpendMetrics.RecordReservation(admission.Tenant, admission.EstimatedMaxUsd, -1);
        return ledger.ReleaseAsync(id, cancellationToken);
    }

    /// <summary>What an attempt cost: its reported usage priced, or for an attempt that never reported usage, its estimated prompt.</summary>
    public decimal CostOf(AttemptSummary attempt, int estimatedInputTokens)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (!attempt.ReachedProvider || PriceOf(attempt.Target) is not { } price)
        {
            return 0m;
        }

        return PriceBook.Cost(price, UsageOf(attempt, estimatedInputTokens));
    }

    /// <summary>Settles the reservation to the attempts' real cost and records one spend row per billed attempt. Returns the total.</summary>
    public async Task<decimal> SettleAsync(CostAdmission admission, GatewayRequest request, string route, IReadOnlyList<AttemptSummary> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admission);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempts);
        var billed = attempts.Where(a => a.ReachedProvider).ToList();
        var total = 0m;
        foreach (var attempt in billed)
        {
            var cost = CostOf(attempt, admission.InputTokens);
            SpendMetrics.RecordSpend(request.Tenant, route, attempt.Target.Provider, attempt.Target.Model, cost);
            total += cost;
        }

        if (admission.ReservationId is not null)
        {
            SpendMetrics.RecordReservation(admission.Tenant, admission.EstimatedMaxUsd, -1);
        }

        if (ledger is null)
        {
            return total;
        }

        // The reservation settles into the answer's row (or the last billed attempt's); other attempts add rows of their own.
        var primary = billed.FirstOrDefault(a => a.Won) ?? billed.LastOrDefault();
        foreach (var attempt in billed.Where(a => a != primary))
        {
            await ledger.RecordAsync(Record(request, route, attempt, admission.InputTokens), cancellationToken);
        }

        if (admission.ReservationId is { } id)
        {
            if (primary is null)
            {
                await ledger.ReleaseAsync(id, cancellationToken);
            }
            else
            {
                await ledger.SettleAsync(id, Record(request, route, primary, admission.InputTokens), cancellationToken);
            }
        }
        else if (primary is not null)
        {
            await ledger.RecordAsync(Record(request, route, primary, admission.InputTokens), cancellationToken);
        }

        return total;
    }

    private SpendRecord Record(GatewayRequest request, string route, AttemptSummary attempt, int inputTokens) =>
        new(request.Tenant, request.KeyName, route, attempt.Target.Provider, attempt.Target.Model,
            UsageOf(attempt, inputTokens), CostOf(attempt, inputTokens));

    // A stream that broke may have reported its input (Anthropic's message_start) but never its output.
    private static Model.TokenUsage UsageOf(AttemptSummary attempt, int inputTokens)
    {
        var estimate = new TokenUsageEstimate(inputTokens, attempt.StreamedCharacters).AsUsage();
        return attempt.Usage is not { } usage ? estimate
            : usage.OutputTokens == 0 && attempt.StreamedCharacters > 0 ? usage with { OutputTokens = estimate.OutputTokens }
            : usage;
    }

    private static int? Clamp(List<ModelPrice> priced, int inputTokens, decimal cap, CacheWriteKind cacheWrite)
    {
        // The largest output limit whose worst case (priciest target) fits the cap.
        var worstInput = priced.Max(p => PriceBook.MaxCost(p, inputTokens, 0, cacheWrite: cacheWrite));
        var worstOutputPerToken = priced.Max(p => p.OutputPerMillion) / 1_000_000m;
        if (worstInput >= cap || worstOutputPerToken <= 0)
        {
            return null;
        }

        var tokens = (int)Math.Floor((cap - worstInput) / worstOutputPerToken);
        return tokens >= 1 ? tokens : null;
    }
}
