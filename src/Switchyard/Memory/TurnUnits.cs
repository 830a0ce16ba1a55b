using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>
/// Groups turns into units that are kept or dropped together: an assistant turn that calls tools, followed by the turns
/// carrying those calls' results, is one unit (providers reject a tool call without its result and a result without its
/// call); every other turn is a unit of its own.
/// </summary>
public static class TurnUnits
{
    /// <summary>The units of <paramref name="turns"/> (oldest first), as index ranges into the list.</summary>
    public static IReadOnlyList<TurnUnit> Group(IReadOnlyList<MemoryTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var units = new List<TurnUnit>();
        var i = 0;
        while (i < turns.Count)
        {
            var start = i;
            var tokens = turns[i].Tokens;
            var open = new HashSet<string>(turns[i].ToolCallIds, StringComparer.Ordinal);
            i++;
            while (open.Count > 0 && i < turns.Count && AnswersAny(turns[i].Message, open))
            {
                foreach (var id in turns[i].ToolResultIds)
                {
                    open.Remove(id);
                }

                tokens += turns[i].Tokens;
                i++;
            }

            units.Add(new TurnUnit(start, i - start, tokens));
        }

        return units;
    }

    private static bool AnswersAny(ChatMessage message, HashSet<string> open) =>
        message.Content.OfType<ToolResultPart>().Any(r => open.Contains(r.ToolCallId));
}
