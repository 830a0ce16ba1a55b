using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Decides whether and which tools to call.
/// </summary>
/// <remarks>
/// Rules, in order: no tools or <c>none</c> → text; the last turn is a tool result → text; a specific tool
/// is forced → that tool; otherwise the tools whose names occur in the last user text (case-insensitive),
/// at most two and only one when parallel calls are disabled. If none is named, <c>required</c>/<c>any</c>
/// picks one tool with the seeded PRNG, and <c>auto</c> flips a seeded coin (50%) to call one or answer text.
/// </remarks>
internal static class ToolPlanner
{
    public static IReadOnlyList<PlannedToolCall> Decide(SimRequest request, string seedText)
    {
        var tools = request.Tools;
        var choice = request.ToolChoice;
        if (tools.Count == 0 || choice.Mode == ToolChoiceMode.None || request.Conversation.EndsWithToolResult)
        {
            return [];
        }

        var prng = new StablePrng(StableHash.Of(seedText, request.Model, request.Conversation.Key, "tools"));
        List<ToolDefinition> chosen;
        if (choice.Mode == ToolChoiceMode.Specific)
        {
            chosen = [tools.FirstOrDefault(t => t.Name == choice.Name) ?? new ToolDefinition(choice.Name ?? "tool", null)];
        }
        else
        {
            var text = request.Conversation.LastUserText;
            chosen = [.. tools.Where(t => text.Contains(t.Name, StringComparison.OrdinalIgnoreCase)).Take(request.ParallelToolCalls ? 2 : 1)];
            if (chosen.Count == 0)
            {
                var coin = prng.NextDouble();
                if (choice.Mode == ToolChoiceMode.Auto && coin >= 0.5)
                {
                    return [];
                }

                chosen = [prng.Pick(tools)];
            }
        }

        // Ids come from their own PRNG so that arguments are the same in both wire formats.
        var ids = new StablePrng(StableHash.Of(seedText, request.Model, request.Conversation.Key, "tool-ids"));
        return [.. chosen.Select(t => new PlannedToolCall(NewId(request.Api, ids), t.Name, SchemaValueGenerator.Generate(t.Schema, prng)))];
    }

    private static string NewId(SimulatorApi api, StablePrng prng) =>
        api == SimulatorApi.AnthropicMessages ? "toolu_01" + prng.NextAlphanumeric(22) : "call_" + prng.NextAlphanumeric(24);
}
