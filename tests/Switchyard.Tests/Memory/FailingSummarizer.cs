using Switchyard.Memory;

namespace Switchyard.Tests.Memory;

/// <summary>A summarizer that fails: by result, by exception, or by hanging until cancelled.</summary>
public sealed class FailingSummarizer(FailingSummarizer.Mode mode) : ISummarizer
{
    public enum Mode
    {
        Result,
        Throw,
        Hang,
    }

    private int _calls;

    public int Calls => _calls;

    public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Called.TrySetResult();
        switch (mode)
        {
            case Mode.Throw:
                throw new HttpRequestException("upstream 503");
            case Mode.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return SummaryResult.Failed("unreachable");
            default:
                return SummaryResult.Failed("route exhausted", inputTokens: 100);
        }
    }
}
