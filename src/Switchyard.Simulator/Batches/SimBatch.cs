using Microsoft.Win32.SafeHandles;

namespace Switchyard.Simulator.Batches;

/// <summary>
/// One batch on either provider: fixed facts from creation plus progress that the runner updates. Mutable fields are
/// read and written under <see cref="Gate"/>; the writers render a consistent snapshot while holding it.
/// </summary>
internal sealed class SimBatch(BatchProvider provider, string id, DateTimeOffset createdAt, int total, SafeFileHandle input, LineIndex lines) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public BatchProvider Provider { get; } = provider;

    public string Id { get; } = id;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset ExpiresAt => CreatedAt.AddHours(24);

    public int Total { get; } = total;

    /// <summary>The input lines (OpenAI batch lines, or Anthropic <c>{custom_id, params}</c> objects), read by position.</summary>
    public SafeFileHandle Input { get; } = input;

    public LineIndex Lines { get; } = lines;

    /// <summary>OpenAI: the batch endpoint, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Endpoint { get; init; } = string.Empty;

    public string InputFileId { get; init; } = string.Empty;

    /// <summary>OpenAI <c>metadata</c> as raw JSON, or null.</summary>
    public string? MetadataJson { get; init; }

    public Lock Gate { get; } = new();

    /// <summary>Signalled by a cancel request; the runner stops before the next line.</summary>
    public CancellationToken CancelRequested => _cancel.Token;

    public BatchStatus Status { get; set; } = BatchStatus.Validating;

    public string? Model { get; set; }

    public IReadOnlyList<BatchValidationError>? Errors { get; set; }

    public DateTimeOffset? InProgressAt { get; set; }

    public DateTimeOffset? FinalizingAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    public DateTimeOffset? CancellingAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public int Succeeded { get; set; }

    public int Errored { get; set; }

    public int Expired { get; set; }

    public int Canceled { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    /// <summary>Anthropic: the results JSONL once the batch has ended.</summary>
    public string? ResultsPath { get; set; }

    public bool IsTerminal => Status is BatchStatus.Completed or BatchStatus.Failed or BatchStatus.Expired or BatchStatus.Cancelled;

    public DateTimeOffset? EndedAt => CompletedAt ?? FailedAt ?? ExpiredAt ?? CancelledAt;

    /// <summary>Anthropic <c>processing_status</c>: <c>in_progress</c>, <c>canceling</c> or <c>ended</c>.</summary>
    public string AnthropicStatus => IsTerminal ? "ended" : Status == BatchStatus.Cancelling ? "canceling" : "in_progress";

    /// <summary>Moves an active batch to <c>cancelling</c> and tells the runner; false if the batch had already ended. Call under <see cref="Gate"/>.</summary>
    public bool TryCancel(DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return false;
        }

        if (Status != BatchStatus.Cancelling)
        {
            Status = BatchStatus.Cancelling;
            CancellingAt = now;
            // The token is cancelled at once, but the runner's continuations run on the thread pool, not inline here:
            // inline, the runner could finish the batch on this thread, under the caller's (re-entrant) lock, before the
            // cancel endpoint answers — which must say "cancelling", as the providers do.
            _ = _cancel.CancelAsync();
        }

        return true;
    }

    public void Dispose()
    {
        Input.Dispose();
        _cancel.Dispose();
    }
}
