using System.Text;
using Switchyard.Providers;

namespace Switchyard.Tests.Providers;

public sealed class JsonTextCheckTests
{
    [Theory]
    [InlineData("""{"a":"hi"}""")]
    [InlineData("""{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"\\ud800"}""")]
    [InlineData("""{"a":"\n\t\"\\"}""")]
    [InlineData("""{"a":"\u00e9","b":"é"}""")]
    [InlineData("""{"a":"\uD83D\uDE00"}""")]
    [InlineData("")]
    public void FindProblem_ReadableText_ReturnsNull(string json) =>
        Assert.Null(JsonTextCheck.FindProblem(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"\udfff"}""")]
    [InlineData("""{"a":"\udfff\ud800"}""")]
    [InlineData("""{"a":"\ud800\n"}""")]
    [InlineData("""{"a":"\ud800x"}""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""\ud800""")]
    public void FindProblem_LoneSurrogateEscape_ReportsIt(string json) =>
        Assert.Contains("surrogate", JsonTextCheck.FindProblem(Encoding.UTF8.GetBytes(json)), StringComparison.Ordinal);

    [Theory]
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xC3 })]
    public void FindProblem_InvalidUtf8_ReportsIt(byte[] json) =>
        Assert.Contains("UTF-8", JsonTextCheck.FindProblem(json), StringComparison.Ordinal);
}
