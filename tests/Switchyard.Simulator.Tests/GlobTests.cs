using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Tests;

public sealed class GlobTests
{
    [Theory]
    [InlineData("gpt-4o*", "gpt-4o", true)]
    [InlineData("gpt-4o*", "gpt-4o-mini", true)]
    [InlineData("gpt-4o*", "gpt-4.1", false)]
    [InlineData("*mini", "o4-mini", true)]
    [InlineData("claude-*-4-5", "claude-sonnet-4-5", true)]
    [InlineData("gpt-4o", "gpt-4o-mini", false)]
    [InlineData("*", "anything", true)]
    public void IsMatch_Pattern_Expected(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Glob.IsMatch(pattern, text));
    }
}
