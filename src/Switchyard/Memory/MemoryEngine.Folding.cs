namespace Switchyard.Memory;

/// <summary>L2: folding the turns that left the window into a new summary version, within the summarizer policy.</summary>
public sealed partial class MemoryEngine
{
    private readonly record struct FoldOutcome(int? Version, bool Summarized, int Pending, string? Degraded);

    /// <summary>
    /// When the unsummarized turns exceed the window by at least a batch, folds the oldest whole units (a tool call
    /// with its results is never split) until the rest fits the window. Nothing here throws for the summarizer: a
    /// refusal by budget, a timeout, a failed result or an exception leaves the turns pending and says why.
    /// </summary>
    private async Task<FoldOutcome> FoldAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        var policy = _options.Summarizer;
        var summary = await _store.GetSummaryAsync(key, cancellationToken).ConfigureAwait(false);
        var turns = await _store.GetTurnsAsync(key, summary?.ThroughSequence ?? 0, cancellationToken).ConfigureAwait(false);
        var units = TurnUnits.Group(turns);
        var total = units.Sum(u => u.Tokens);
        var (foldCount, foldTokens) = UnitsLeavingWindow(units, total);
        var pending = units.Take(foldCount).Sum(u => u.Count);
        if (total <= _options.WindowTokens + policy.BatchTokens || foldCount == 0)
        {
            return new FoldOutcome(summary?.Version, false, pending, null);
        }

        var folded = turns.Take(pending).ToArray();
        var maxSummaryTokens = MaxSummaryTokens;
        var estimate = foldTokens + (summary?.Tokens ?? 0) + maxSummaryTokens;
        var day = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var spend = await _store.GetSummarizerSpendAsync(key, day, cancellationToken).ConfigureAwait(false);
        if (BudgetRefusal(spend, estimate) is { } refusal)
        {
            return new FoldOutcome(summary?.Version, false, pending, refusal);
        }

        var result = await CallSummarizerAsync(new SummaryRequest(key, summary?.Text, folded, maxSummaryTokens), cancellationToken).ConfigureAwait(false);
        if (result.InputTokens + result.OutputTokens > 0 || result.CostUsd > 0)
        {
            await _store.AddSummarizerSpendAsync(key, day, result.InputTokens + result.OutputTokens, result.CostUsd, cancellationToken).ConfigureAwait(false);
        }

        if (!result.Succeeded || string.IsNullOrWhiteSpace(result.Text))
        {
            return new FoldOutcome(summary?.Version, false, pending, "summarizer failed: " + (result.Failure ?? "empty summary"));
        }

        var text = TextChunks.Truncate(result.Text.Trim(), maxSummaryTokens);
        var next = new SessionSummary((summary?.Version ?? 0) + 1, text, MemoryTokens.Count(text), folded[^1].Sequence, _time.GetUtcNow());
        if (!await _store.SaveSummaryAsync(key, next, next.CreatedAt + _options.Retention, cancellationToken).ConfigureAwait(false))
        {
            return new FoldOutcome(summary?.Version, false, pending, "a concurrent fold wrote the summary first");
        }

        MemoryLog.Folded(_logger, key.Tenant, key.SessionId, folded[0].Sequence, next.ThroughSequence, next.Version);
        return new FoldOutcome(next.Version, true, 0, null);
    }

    /// <summary>The summary's length limit: the policy's, but never more than the summary share of the default budget.</summary>
    private int MaxSummaryTokens =>
        Math.Max(16, Math.Min(_options.Summarizer.MaxSummaryTokens, (int)(_options.ContextBudgetTokens * _options.Split.Summary)));

    /// <summary>How many of the oldest units must leave so the rest fits <see cref="MemoryOptions.WindowTokens"/>, and their tokens.</summary>
    private (int Count, int Tokens) UnitsLeavingWindow(IReadOnlyList<TurnUnit> units, int total)
    {
        var count = 0;
        var tokens = 0;
        while (count < units.Count && total - tokens > _options.WindowTokens)
        {
            tokens += units[count].Tokens;
            count++;
        }

        return (count, tokens);
    }

    private string? BudgetRefusal(SummarizerSpend spend, long estimate)
    {
        var policy = _options.Summarizer;
        if (spend.SessionTokens + estimate > policy.SessionTokenBudget)
        {
            return $"summarizer budget exhausted: session tokens ({spend.SessionTokens} spent + {estimate} needed > {policy.SessionTokenBudget})";
        }

        if (spend.DayTokens + estimate > policy.DailyTokenBudget)
        {
            return $"summarizer budget exhausted: tenant's daily tokens ({spend.DayTokens} spent + {estimate} needed > {policy.DailyTokenBudget})";
        }

        // The cost of the next call is unknown before it is routed, so USD budgets refuse once they are spent.
        if (spend.SessionUsd >= policy.SessionUsdBudget)
        {
            return $"summarizer budget exhausted: session USD ({spend.SessionUsd} of {policy.SessionUsdBudget})";
        }

        return spend.DayUsd >= policy.DailyUsdBudget
            ? $"summarizer budget exhausted: tenant's daily USD ({spend.DayUsd} of {policy.DailyUsdBudget})"
            : null;
    }

    private async Task<SummaryResult> CallSummarizerAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Summarizer.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _summarizer.SummarizeAsync(request, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SummaryResult.Failed($"timed out after {_options.Summarizer.Timeout.TotalSeconds:0.###} s");
        }
#pragma warning disable CA1031 // The summarizer is the gateway's model call; whatever it throws must not fail the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return SummaryResult.Failed(e.GetType().Name);
        }
    }
}
