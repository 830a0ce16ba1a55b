using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal static partial class AnthropicRequestWriter
{
    /// <summary>One Anthropic message being assembled.</summary>
    private sealed record Turn(string Role, List<ContentPart> Parts);

    /// <summary>
    /// Canonical messages → Anthropic turns: System text is hoisted into <paramref name="system"/>; Tool messages become
    /// user turns of tool_result blocks; consecutive same-role turns merge (tool_result blocks first in a user turn;
    /// thinking, then text, then tool_use in an assistant turn); parts the API would reject are dropped (empty text,
    /// thinking without a signature, images in assistant turns); turns left empty are skipped; and a final assistant
    /// turn loses its trailing whitespace, which the API rejects with a 400.
    /// </summary>
    private static List<Turn> BuildTurns(IReadOnlyList<ChatMessage> messages, List<TextPart> system)
    {
        var turns = new List<Turn>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.AddRange(message.Content.OfType<TextPart>().Where(p => p.Text.Length > 0));
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var parts = message.Content.Where(p => Keep(p, role)).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Parts.AddRange(parts);
            }
            else
            {
                turns.Add(new Turn(role, parts));
            }
        }

        foreach (var turn in turns)
        {
            Order(turn);
        }

        TrimFinalAssistant(turns);
        return turns;
    }

    private static bool Keep(ContentPart part, string role) => part switch
    {
        TextPart text => text.Text.Length > 0,
        ThinkingPart thinking => role == "assistant" && (thinking.Redacted || thinking.Signature is not null),
        ToolCallPart => role == "assistant",
        ToolResultPart or ImagePart => role == "user",
        // The gateway refuses a target before its writer meets a file it cannot carry (AnthropicTranslationCheck).
        FilePart file => role == "user" && AnthropicDocument.Untranslatable(file) is null,
        _ => true,
    };

    private static void Order(Turn turn)
    {
        // OrderBy is stable: parts keep their relative order within each rank.
        var ordered = turn.Role == "user"
            ? turn.Parts.OrderBy(p => p is ToolResultPart ? 0 : 1).ToList()
            : turn.Parts.OrderBy(p => p switch { ThinkingPart => 0, ToolCallPart => 2, _ => 1 }).ToList();
        turn.Parts.Clear();
        turn.Parts.AddRange(ordered);
    }

    private static void TrimFinalAssistant(List<Turn> turns)
    {
        if (turns.Count == 0 || turns[^1].Role != "assistant" || turns[^1].Parts[^1] is not TextPart last)
        {
            return;
        }

        var parts = turns[^1].Parts;
        var trimmed = last.Text.TrimEnd();
        if (trimmed.Length > 0)
        {
            parts[^1] = last with { Text = trimmed };
        }
        else
        {
            parts.RemoveAt(parts.Count - 1);
            if (parts.Count == 0)
            {
                turns.RemoveAt(turns.Count - 1);
            }
        }
    }
}
