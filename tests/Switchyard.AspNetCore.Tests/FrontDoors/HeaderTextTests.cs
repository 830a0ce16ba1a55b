using Switchyard.AspNetCore.FrontDoors;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

public sealed class HeaderTextTests
{
    [Fact]
    public void Safe_PrintableAsciiValue_IsTheSameInstance()
    {
        const string value = "gpt-4o-mini-2024-07-18";

        Assert.Same(value, HeaderText.Safe(value));
    }

    [Theory]
    [InlineData("gpt-4o\u00e9", "gpt-4o?")]
    [InlineData("req_1\r\nx-evil: 1", "req_1??x-evil: 1")]
    [InlineData("claude\u0000", "claude?")]
    public void Safe_NonAsciiOrControlCharacters_BecomeQuestionMarks(string value, string expected) =>
        Assert.Equal(expected, HeaderText.Safe(value));

    [Fact]
    public void Safe_LongValue_IsCutTo256Characters() =>
        Assert.Equal(new string('a', 256), HeaderText.Safe(new string('a', 20_000)));
}
