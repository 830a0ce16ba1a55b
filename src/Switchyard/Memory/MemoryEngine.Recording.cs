using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>Recording settled turns: store, index for recall, fold what left the window.</summary>
public sealed partial class MemoryEngine
{
    /// <inheritdoc />
    public async Task<MemoryUpdate> RecordAsync(MemorySessionKey key, IReadOnlyList<ChatMessage> turns, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        ArgumentNullException.ThrowIfNull(turns);
        var kept = turns.Where(t => t.Role != ChatRole.System).ToArray();
        if (kept.Length == 0)
        {
            return new MemoryUpdate();
        }

        var gate = LockFor(key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var stored = await _store.AppendTurnsAsync(
                key, kept, kept.Select(MemoryTokens.Count).ToArray(), now + _options.Retention, cancellationToken).ConfigureAwait(false);
            var (indexed, indexFailure) = await IndexAsync(key, stored, cancellationToken).ConfigureAwait(false);
            var fold = await FoldAsync(key, cancellationToken).ConfigureAwait(false);
            var degraded = string.Join("; ", new[] { indexFailure, fold.Degraded }.Where(d => d is not null));
            if (degraded.Length > 0)
            {
                MemoryLog.Degraded(_logger, key.Tenant, key.SessionId, degraded);
            }

            return new MemoryUpdate
            {
                Turns = stored,
                MemoriesIndexed = indexed,
                SummaryVersion = fold.Version,
                Summarized = fold.Summarized,
                PendingTurns = fold.Pending,
                Degraded = degraded.Length > 0 ? degraded : null,
            };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Embeds and indexes the turns' chunks and facts. A backend failure leaves the turns stored but not recallable
    /// (they still reach the window and the summary) and is reported, not thrown.
    /// </summary>
    private async Task<(int Indexed, string? Failure)> IndexAsync(MemorySessionKey key, IReadOnlyList<MemoryTurn> turns, CancellationToken cancellationToken)
    {
        var pending = MemoriesOf(turns);
        if (pending.Count == 0)
        {
            return (0, null);
        }

        try
        {
            var vectors = await _embedder.EmbedAsync(key, pending.Select(p => p.Text).ToArray(), cancellationToken).ConfigureAwait(false);
            var memories = pending.Select((p, i) => new NewMemory(p.Kind, p.Text, MemoryTokens.Count(p.Text), p.Sequence, vectors[i])).ToArray();
            var now = _time.GetUtcNow();
            var items = await _store.AddMemoriesAsync(key, memories, now, now + _options.Retention, cancellationToken).ConfigureAwait(false);
            await _index.AddAsync(key, items.Select(i => i.Id).ToArray(), vectors, cancellationToken).ConfigureAwait(false);
            return (items.Count, null);
        }
        catch (MemoryBackendException e)
        {
            return (0, "indexing failed: " + e.Message);
        }
    }

    private List<(MemoryKind Kind, string Text, long Sequence)> MemoriesOf(IReadOnlyList<MemoryTurn> turns)
    {
        var memories = new List<(MemoryKind, string, long)>();
        foreach (var turn in turns)
        {
            var chunks = TextChunks.Chunk(RecallableText(turn.Message), _options.ChunkTokens);
            memories.AddRange(chunks.Select(c => (MemoryKind.TurnChunk, c, turn.Sequence)));
            if (_options.ExtractFacts)
            {
                // A one-sentence turn is its own fact; storing it twice would only crowd recall.
                memories.AddRange(_facts.Extract(turn.Message)
                    .Where(f => !chunks.Contains(f, StringComparer.Ordinal))
                    .Select(f => (MemoryKind.Fact, f, turn.Sequence)));
            }
        }

        return memories;
    }

    // Text and tool results are worth recalling; tool-call arguments, images and reasoning are not (the reasoning is
    // the model's own, and a recalled call without its context misleads more than it helps).
    private static string RecallableText(ChatMessage message) =>
        string.Join('\n', message.Content.Select(part => part switch
        {
            TextPart text => text.Text,
            ToolResultPart result => string.Concat(result.Content.OfType<TextPart>().Select(p => p.Text)),
            _ => string.Empty,
        }).Where(t => t.Length > 0));
}
