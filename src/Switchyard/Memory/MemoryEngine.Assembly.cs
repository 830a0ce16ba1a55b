using System.Globalization;
using System.Text;
using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>
/// Context assembly. Order of the prompt: the request's system messages, the recall message (L3), the summary message
/// (L2), the window's turns (L1, oldest first), the request's new turns. Budget: system and new turns are always sent;
/// of what is left, the summary takes up to its share, recall up to its share, and the window everything else
/// (including what summary and recall left unused). See docs/memory.md.
/// </summary>
public sealed partial class MemoryEngine
{
    /// <summary>The heading of the injected recall message.</summary>
    public const string RecallHeading = "Relevant memories from earlier in this conversation (most relevant first):";

    /// <summary>The heading of the injected summary message.</summary>
    public const string SummaryHeading = "Summary of the earlier conversation:";

    /// <inheritdoc />
    public async Task<AssembledContext> AssembleAsync(MemorySessionKey key, ContextRequest request, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        ArgumentNullException.ThrowIfNull(request);
        if (request.BudgetTokens is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.BudgetTokens, "The token budget must be positive.");
        }

        var budget = request.BudgetTokens ?? _options.ContextBudgetTokens;
        var system = request.Messages.TakeWhile(m => m.Role == ChatRole.System).ToArray();
        var fresh = request.Messages.Skip(system.Length).ToArray();
        var systemTokens = system.Sum(MemoryTokens.Count);
        var freshTokens = fresh.Sum(MemoryTokens.Count);
        var available = Math.Max(0, budget - TokenEstimator.ReplyPriming - systemTokens - freshTokens);

        var summary = await _store.GetSummaryAsync(key, cancellationToken).ConfigureAwait(false);
        var turns = await _store.GetTurnsAsync(key, summary?.ThroughSequence ?? 0, cancellationToken).ConfigureAwait(false);
        var summaryMessage = SummaryMessage(summary, (int)(available * _options.Split.Summary));
        var summaryTokens = summaryMessage is null ? 0 : MemoryTokens.Count(summaryMessage);
        var recallShare = (int)(available * _options.Split.Recall);

        var units = TurnUnits.Group(turns);
        var window = new WindowBuilder(turns, units, fresh);
        window.Extend(available - summaryTokens - recallShare);

        var (recalled, recallMessage, degraded) = await RecallAsync(key, fresh, window, recallShare, cancellationToken).ConfigureAwait(false);
        var recallTokens = recallMessage is null ? 0 : MemoryTokens.Count(recallMessage);
        window.Extend(available - summaryTokens - recallTokens);

        var messages = new List<ChatMessage>(system.Length + fresh.Length + window.TurnCount + 2);
        messages.AddRange(system);
        if (recallMessage is not null)
        {
            messages.Add(recallMessage);
        }

        if (summaryMessage is not null)
        {
            messages.Add(summaryMessage);
        }

        messages.AddRange(window.Turns.Select(t => t.Message));
        messages.AddRange(fresh);
        var trace = new ContextTrace
        {
            BudgetTokens = budget,
            SystemTokens = systemTokens,
            RecallTokens = recallTokens,
            SummaryTokens = summaryTokens,
            WindowTokens = window.Tokens,
            NewTurnTokens = freshTokens,
            Recalled = recalled,
            SummaryVersion = summaryMessage is null ? null : summary?.Version,
            SummaryThroughSequence = summaryMessage is null ? 0 : summary?.ThroughSequence ?? 0,
            WindowFromSequence = window.TurnCount == 0 ? 0 : window.Turns[0].Sequence,
            WindowToSequence = window.TurnCount == 0 ? 0 : window.Turns[^1].Sequence,
            OmittedTurns = turns.Count - window.TurnCount,
            Degraded = degraded,
        };
        return new AssembledContext(messages, trace);
    }

    /// <summary>The summary as a system message, cut to <paramref name="maxTokens"/>; null when there is none or no room.</summary>
    private static ChatMessage? SummaryMessage(SessionSummary? summary, int maxTokens)
    {
        if (summary is null || maxTokens <= 0)
        {
            return null;
        }

        var message = ChatMessage.FromText(ChatRole.System, SummaryHeading + "\n" + summary.Text);
        var tokens = MemoryTokens.Count(message);
        if (tokens <= maxTokens)
        {
            return message;
        }

        var overhead = tokens - summary.Tokens;
        var cut = TextChunks.Truncate(summary.Text, maxTokens - overhead - 1);
        return cut.Length == 0 ? null : ChatMessage.FromText(ChatRole.System, SummaryHeading + "\n" + cut);
    }

    /// <summary>
    /// L3: embeds the query (the request's last user text), searches the session's index, and keeps the most similar
    /// memories above the similarity floor that are not already in the window, within <paramref name="maxTokens"/>.
    /// An embedder or index failure yields no recall and a degradation note.
    /// </summary>
    private async Task<(IReadOnlyList<RecalledMemory> Recalled, ChatMessage? Message, string? Degraded)> RecallAsync(
        MemorySessionKey key, IReadOnlyList<ChatMessage> fresh, WindowBuilder window, int maxTokens, CancellationToken cancellationToken)
    {
        var query = QueryText(fresh);
        if (_options.RecallTopK == 0 || query.Length == 0 || maxTokens <= 0)
        {
            return ([], null, null);
        }

        IReadOnlyList<VectorHit> hits;
        try
        {
            var vector = (await _embedder.EmbedAsync(key, [query], cancellationToken).ConfigureAwait(false))[0];

            // Ask for more than k: hits from turns already in the window are skipped below.
            hits = await _index.SearchAsync(key, vector, _options.RecallTopK * 3, cancellationToken).ConfigureAwait(false);
        }
        catch (MemoryBackendException e)
        {
            return ([], null, "recall unavailable: " + e.Message);
        }

        var similar = hits.Where(h => h.Similarity >= _options.RecallMinSimilarity).ToArray();
        var items = (await _store.GetMemoriesAsync(key, similar.Select(h => h.Id).ToArray(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(i => i.Id);
        var text = new StringBuilder(RecallHeading);
        var recalled = new List<RecalledMemory>();
        var used = MemoryTokens.Count(ChatMessage.FromText(ChatRole.System, RecallHeading));
        foreach (var hit in similar)
        {
            if (recalled.Count == _options.RecallTopK)
            {
                break;
            }

            if (!items.TryGetValue(hit.Id, out var item) || window.Contains(item.SourceSequence)
                || recalled.Any(r => items[r.Id].SourceSequence == item.SourceSequence && items[r.Id].Text.Contains(item.Text, StringComparison.Ordinal)))
            {
                continue;
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"\n- (turn {item.SourceSequence}) {item.Text}");
            var tokens = MemoryTokens.Count(line);
            if (used + tokens > maxTokens)
            {
                continue;
            }

            text.Append(line);
            used += tokens;
            recalled.Add(new RecalledMemory(item.Id, item.Kind, item.SourceSequence, hit.Similarity, tokens));
        }

        return recalled.Count == 0 ? ([], null, null) : (recalled, ChatMessage.FromText(ChatRole.System, text.ToString()), null);
    }

    private static string QueryText(IReadOnlyList<ChatMessage> fresh)
    {
        var lastUser = fresh.LastOrDefault(m => m.Role == ChatRole.User && m.Text.Length > 0);
        return (lastUser?.Text ?? string.Join('\n', fresh.Select(m => m.Text))).Trim();
    }
}
