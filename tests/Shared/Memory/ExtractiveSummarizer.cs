using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Testing.Memory;

/// <summary>
/// A deterministic summarizer for tests: the previous summary followed by the first sentence of each folded user turn,
/// keeping the newest text when it exceeds the limit (so it forgets, as a real summary compresses). Counts its calls.
/// </summary>
internal sealed class ExtractiveSummarizer : ISummarizer
{
    private int _calls;

    public int Calls => _calls;

    public decimal UsdPerCall { get; init; }

    public List<SummaryRequest> Requests { get; } = [];

    public Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add(request);
        }

        var lines = request.Turns
            .Where(t => t.Message.Role == ChatRole.User && t.Message.Text.Length > 0)
            .Select(t => "User: " + t.Message.Text.Split(". ")[0].TrimEnd('.') + ".");
        var text = string.Join(' ', new[] { request.PreviousSummary ?? string.Empty }.Concat(lines)).Trim();
        while (MemoryTokens.Count(text) > request.MaxSummaryTokens)
        {
            text = text[(text.IndexOf(' ', text.Length / 4) + 1)..];
        }

        var input = request.Turns.Sum(t => t.Tokens) + MemoryTokens.Count(request.PreviousSummary ?? string.Empty);
        return Task.FromResult(SummaryResult.Success(text, input, MemoryTokens.Count(text), UsdPerCall));
    }
}
