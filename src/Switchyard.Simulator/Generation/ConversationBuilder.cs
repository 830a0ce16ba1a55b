using System.Text;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Collects a conversation in either wire format into one canonical form, so the same dialogue sent as
/// OpenAI chat or as Anthropic messages yields the same key and therefore the same simulated answer.
/// </summary>
/// <remarks>
/// Canonical form: system text first, then turns with roles <c>user</c>, <c>assistant</c> and <c>tool</c>
/// (tool results); adjacent entries of one role are joined with a newline, as Anthropic merges consecutive
/// same-role turns. Tool calls appear as <c>[tool_call name {json}]</c> with compact JSON arguments; ids
/// are left out because they differ between formats. Tool definitions are left out of the key and only
/// count towards prompt tokens. A conversation ending with [assistant text, user turn that is exactly
/// <see cref="ContinuationPrompt.Text"/>] is a continuation turn: the assistant text becomes the prefill and the
/// key is the conversation before those two turns, so it is answered exactly as the prefill would be.
/// </remarks>
internal sealed class ConversationBuilder
{
    /// <summary>Flat token cost of one image, whatever its size or source.</summary>
    public const int ImageTokens = 85;

    private const int PerMessageTokens = 3;
    private const int ReplyPrimingTokens = 3;

    private readonly List<string> _system = [];
    private readonly List<(string Role, StringBuilder Text)> _turns = [];
    private int _images;
    private int _extraTokens;
    private string? _prefill;

    public void AddSystem(string text) => _system.Add(text);

    public void Add(string role, string text)
    {
        if (_turns.Count > 0 && _turns[^1].Role == role)
        {
            _turns[^1].Text.Append('\n').Append(text);
        }
        else
        {
            _turns.Add((role, new StringBuilder(text)));
        }
    }

    public void AddImage(string role)
    {
        _images++;
        Add(role, "[image]");
    }

    public void AddToolCall(string name, string compactArguments) => Add("assistant", $"[tool_call {name} {compactArguments}]");

    public void AddToolResult(string text) => Add("tool", text);

    /// <summary>Counts tool definitions towards the prompt without making them part of the key.</summary>
    public void AddToolDefinition(string canonicalJson) => _extraTokens += TokenCounter.Count(canonicalJson);

    /// <summary>Marks the trailing assistant text as the start of the answer rather than a turn.</summary>
    public void SetPrefill(string text) => _prefill = text;

    public Conversation Build()
    {
        var key = new StringBuilder();
        var tokens = ReplyPrimingTokens + _extraTokens + (_images * ImageTokens);
        if (_system.Count > 0)
        {
            var system = string.Join('\n', _system);
            key.Append("system\u001f").Append(system).Append('\u001e');
            tokens += TokenCounter.Count(system) + PerMessageTokens;
        }

        // Every turn sent counts towards the prompt, including the two turns of a continuation.
        foreach (var (_, text) in _turns)
        {
            tokens += TokenCounter.Count(text.ToString()) + PerMessageTokens;
        }

        var prefill = _prefill;
        var keyed = _turns.Count;
        if (prefill is null && IsContinuationTurn())
        {
            prefill = _turns[^2].Text.ToString();
            keyed -= 2;
        }
        else if (prefill is not null)
        {
            tokens += TokenCounter.Count(prefill) + PerMessageTokens;
        }

        var lastUser = string.Empty;
        for (var i = 0; i < keyed; i++)
        {
            var (role, text) = _turns[i];
            var value = text.ToString();
            key.Append(role).Append('\u001f').Append(value).Append('\u001e');
            if (role == "user")
            {
                lastUser = value;
            }
        }

        var endsWithTool = keyed > 0 && _turns[keyed - 1].Role == "tool";
        return new Conversation(key.ToString(), prefill, lastUser, endsWithTool, tokens);
    }

    private bool IsContinuationTurn() =>
        _turns.Count >= 2
        && _turns[^1].Role == "user"
        && _turns[^2].Role == "assistant"
        && _turns[^1].Text.Equals(ContinuationPrompt.Text.AsSpan())
        && !_turns[^2].Text.ToString().StartsWith("[tool_call ", StringComparison.Ordinal);
}
