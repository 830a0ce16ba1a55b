using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>Everything one <c>object:"response"</c> carries, for <see cref="ResponsesObjectWriter"/>.</summary>
internal sealed record ResponsesSnapshot(string Id, string Model, long CreatedAt, string Status, IReadOnlyList<ResponsesItem> Output)
{
    public long? CompletedAt { get; init; }

    public string? IncompleteReason { get; init; }

    /// <summary>The <c>error</c> of a failed response.</summary>
    public (string Code, string Message)? Error { get; init; }

    public TokenUsage? Usage { get; init; }

    /// <summary>The request whose settings are echoed (tools, sampling, text format, store); null echoes the API defaults.</summary>
    public ChatRequest? Request { get; init; }

    /// <summary>Concatenated <c>output_text</c> of every message item.</summary>
    public string OutputText => string.Concat(Output.OfType<ResponsesMessageItem>().Select(m => m.Text));
}
