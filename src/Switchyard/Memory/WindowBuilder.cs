namespace Switchyard.Memory;

/// <summary>
/// The L1 window of one assembly: whole units taken from the newest backwards while they fit. A unit whose tool calls
/// are answered by the request's new turns is always taken, even over budget, since the provider would reject the
/// results without their call. Not thread-safe (one per assembly).
/// </summary>
internal sealed class WindowBuilder
{
    private readonly IReadOnlyList<MemoryTurn> _turns;
    private readonly IReadOnlyList<TurnUnit> _units;
    private int _firstUnit;

    public WindowBuilder(IReadOnlyList<MemoryTurn> turns, IReadOnlyList<TurnUnit> units, IReadOnlyList<Model.ChatMessage> fresh)
    {
        _turns = turns;
        _units = units;
        _firstUnit = units.Count;
        var answered = fresh.SelectMany(m => m.Content.OfType<Model.ToolResultPart>()).Select(r => r.ToolCallId).ToHashSet(StringComparer.Ordinal);
        if (units.Count > 0 && answered.Count > 0)
        {
            var last = units[^1];
            if (_turns.Skip(last.Start).Take(last.Count).Any(t => t.ToolCallIds.Any(answered.Contains)))
            {
                _firstUnit--;
                Tokens = last.Tokens;
            }
        }
    }

    /// <summary>Tokens of the turns in the window.</summary>
    public int Tokens { get; private set; }

    /// <summary>The turns in the window, oldest first.</summary>
    public IReadOnlyList<MemoryTurn> Turns => _turns.Skip(FirstTurn).ToArray();

    /// <summary>How many turns the window holds.</summary>
    public int TurnCount => _turns.Count - FirstTurn;

    private int FirstTurn => _firstUnit == _units.Count ? _turns.Count : _units[_firstUnit].Start;

    /// <summary>Takes older units while the window stays within <paramref name="maxTokens"/>; stops at the first that does not fit, so the window stays contiguous.</summary>
    public void Extend(int maxTokens)
    {
        while (_firstUnit > 0 && Tokens + _units[_firstUnit - 1].Tokens <= maxTokens)
        {
            _firstUnit--;
            Tokens += _units[_firstUnit].Tokens;
        }
    }

    /// <summary>Whether the turn with <paramref name="sequence"/> is in the window.</summary>
    public bool Contains(long sequence) => TurnCount > 0 && sequence >= _turns[FirstTurn].Sequence;
}
