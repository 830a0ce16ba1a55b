using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Batching;
using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;
using Switchyard.Storage;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>
/// Holds a batch's worst case against the budgets before it goes to the provider, as the chat doors do for a request:
/// a hard budget that the batch could push over refuses it (429 <c>budget_exceeded</c>), and an admitted batch keeps its
/// reservation until <see cref="BatchBilling"/> settles it to the actual spend. When no budget applies to the caller
/// nothing is estimated or reserved, unless the gateway refuses unpriced models (<c>Costs:UnpricedModels</c> is
/// <c>reject</c>): then every batch is read, and one that names a model without a price is refused.
/// </summary>
internal sealed class BatchAdmission(GatewayRuntime runtime)
{
    /// <summary>
    /// How long a batch's reservation counts: the providers' 24 h completion window plus an hour for the billing sweep to
    /// see the end. A batch billed later still records its spend; its hold just stopped counting at this age.
    /// </summary>
    public static readonly TimeSpan ReservationTtl = TimeSpan.FromHours(25);

    /// <summary>
    /// Whether a budget applies to the caller's batches (its tenant, its key, route <c>batch</c> or all spend), so that
    /// they need an estimate and a reservation; otherwise their bodies pass through unread.
    /// </summary>
    public bool Needed(Caller caller) =>
        RejectsUnpriced
        || (runtime.Current.Options.Costs.Budgets.Count > 0
            && CostConfiguration.Budgets(runtime.Current.Options.Costs).Any(b => b.SubjectFor(caller.Tenant, caller.KeyName, BatchBilling.Route) is not null));

    private bool RejectsUnpriced => runtime.Current.Options.Costs.UnpricedModels == "reject";

    /// <summary>An estimator with the configured prices and default output limit.</summary>
    public BatchCostEstimator Estimator()
    {
        var costs = runtime.Current.Options.Costs;
        return new BatchCostEstimator(CostConfiguration.Prices(costs), CostConfiguration.Policy(costs).DefaultMaxOutputTokens);
    }

    // Names a soft budget the batch passes, as on the chat doors.
    private const string WarningHeader = "x-switchyard-budget-warning";

    /// <summary>Reserves <paramref name="estimate"/> for the caller on route <c>batch</c>.</summary>
    /// <returns>
    /// The reservation and the first soft budget it exceeds (or would), or the refusal to answer with when a hard budget
    /// has no room for it.
    /// </returns>
    public async Task<(BatchReservation? Reservation, Failure? Refusal, string? Warning)> ReserveAsync(Caller caller, string provider, BatchCostEstimate estimate, CancellationToken cancellationToken)
    {
        if (RejectsUnpriced && estimate.UnpricedModel is { } unpriced)
        {
            return (null, new Failure(FailureKind.PermissionDenied, $"The batch names the model `{unpriced}`, which has no price on this gateway; it refuses models it cannot bill (Costs:UnpricedModels is 'reject').")
            {
                ProviderErrorCode = "model_not_priced",
            }, null);
        }

        var outcome = await runtime.Ledger.ReserveAsync(
            new ReservationRequest(caller.Tenant, caller.KeyName, BatchBilling.Route, provider, estimate.Model ?? "unknown", estimate.MaxUsd),
            ReservationTtl,
            cancellationToken);
        if (outcome.Admitted)
        {
            SpendMetrics.RecordReservation(caller.Tenant, estimate.MaxUsd, +1);
            return (new BatchReservation(outcome.ReservationId, estimate.MaxUsd), null, outcome.SoftExceeded.Count > 0 ? outcome.SoftExceeded[0].BudgetName : null);
        }

        var blocked = outcome.BlockedBy!;
        return (null, new Failure(
            FailureKind.BudgetExceeded,
            $"{blocked.ExhaustedText()}; this batch of {estimate.Requests} requests could cost up to ${estimate.MaxUsd:0.######} at batch prices. Lower max_tokens or split the batch.")
        {
            ProviderErrorCode = "budget_exceeded",
        }, null);
    }

    /// <summary>
    /// Records a created batch as the caller's, holding <paramref name="reservation"/> until it is billed, and puts the
    /// soft-budget <paramref name="warning"/> (if any) on the create answer.
    /// </summary>
    public async Task AdoptAsync(HttpContext context, BatchObjectKind kind, string batchId, Caller caller, BatchReservation? reservation, string? warning)
    {
        await runtime.BatchOwnership.AddBatchAsync(kind, batchId, caller.Tenant, caller.KeyName, reservation, context.RequestAborted);
        if (warning is not null)
        {
            context.Response.Headers[WarningHeader] = warning;
        }
    }

    /// <summary>Gives back the caller's reservation for a batch that was never created.</summary>
    public Task ReleaseAsync(Caller caller, BatchReservation? reservation)
    {
        if (reservation is null)
        {
            return Task.CompletedTask;
        }

        SpendMetrics.RecordReservation(caller.Tenant, reservation.Usd, -1);
        return runtime.Ledger.ReleaseAsync(reservation.Id, CancellationToken.None);
    }
}
