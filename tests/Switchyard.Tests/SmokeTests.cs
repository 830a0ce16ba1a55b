namespace Switchyard.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Works() => Assert.Equal(2, 1 + 1);
}
