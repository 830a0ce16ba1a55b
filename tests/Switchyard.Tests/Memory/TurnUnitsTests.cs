using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Tests.Memory;

public sealed class TurnUnitsTests
{
    private static readonly DateTimeOffset At = MemoryHarness.Start;

    [Fact]
    public void Group_ToolCallWithTwoResults_IsOneUnit()
    {
        var turns = Turns(
            MemoryHarness.User("weather in Oslo and Bergen?"),
            new ChatMessage(ChatRole.Assistant, [new ToolCallPart("c1", "weather", "{\"city\":\"Oslo\"}"), new ToolCallPart("c2", "weather", "{\"city\":\"Bergen\"}")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("c1", [new TextPart("4C")])]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("c2", [new TextPart("7C")])]),
            MemoryHarness.Assistant("Oslo 4C, Bergen 7C."));

        var units = TurnUnits.Group(turns);

        Assert.Equal([1, 3, 1], units.Select(u => u.Count));
        Assert.Equal(turns[1].Tokens + turns[2].Tokens + turns[3].Tokens, units[1].Tokens);
    }

    [Fact]
    public void Group_AnthropicStyleResultInUserTurn_JoinsTheCall()
    {
        var turns = Turns(
            new ChatMessage(ChatRole.Assistant, [new TextPart("Checking."), new ToolCallPart("toolu_1", "lookup", "{}")]),
            new ChatMessage(ChatRole.User, [new ToolResultPart("toolu_1", [new TextPart("found")]), new TextPart("thanks")]),
            MemoryHarness.User("next"));

        Assert.Equal([2, 1], TurnUnits.Group(turns).Select(u => u.Count));
    }

    [Fact]
    public void Group_CallWithoutResultYet_IsAUnitOfItsOwn()
    {
        var turns = Turns(MemoryHarness.User("go"), new ChatMessage(ChatRole.Assistant, [new ToolCallPart("c9", "run", "{}")]));

        Assert.Equal([1, 1], TurnUnits.Group(turns).Select(u => u.Count));
    }

    private static MemoryTurn[] Turns(params ChatMessage[] messages) =>
        messages.Select((m, i) => new MemoryTurn(i + 1, m, MemoryTokens.Count(m), At, At.AddDays(1))).ToArray();
}
