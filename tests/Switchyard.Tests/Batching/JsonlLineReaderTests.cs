using System.Text;
using Switchyard.Batching;

namespace Switchyard.Tests.Batching;

public sealed class JsonlLineReaderTests
{
    [Fact]
    public void TryReadLine_CrLfBlankAndUnterminatedLines_ReturnsEachWithItsNumber()
    {
        var lines = Read("a\r\n\nbb\nccc", maxLineBytes: 1024);

        Assert.Equal([(1L, "a", false), (2L, "", false), (3L, "bb", false), (4L, "ccc", false)], lines);
    }

    [Fact]
    public void TryReadLine_LinesLongerThanTheFirstBuffer_AreReturnedWhole()
    {
        var big = new string('x', 3 * 1024 * 1024);

        var lines = Read($"{big}\nshort\n", maxLineBytes: 8 * 1024 * 1024);

        Assert.Equal(big.Length, lines[0].Text.Length);
        Assert.Equal((2L, "short", false), lines[1]);
    }

    [Fact]
    public void TryReadLine_LineOverTheMaximum_IsSkippedAndFlaggedAndReadingContinues()
    {
        var big = new string('x', 3 * 1024 * 1024);

        var lines = Read($"ok\n{big}\nafter", maxLineBytes: 1024 * 1024);

        Assert.Equal([(1L, "ok", false), (2L, "", true), (3L, "after", false)], lines);
    }

    private static List<(long Number, string Text, bool TooLong)> Read(string text, int maxLineBytes)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var reader = new JsonlLineReader(stream, maxLineBytes);
        var lines = new List<(long, string, bool)>();
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(line.Span), tooLong));
        }

        Assert.Equal(Encoding.UTF8.GetByteCount(text), reader.BytesRead);
        return lines;
    }
}
