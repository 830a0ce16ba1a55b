using System.Net.ServerSentEvents;
using System.Text;

namespace Switchyard.Providers.Anthropic.Tests.Support;

/// <summary>Loads recorded traffic from the shared fixtures folder, located by the shared RecordedTraffic reader.</summary>
internal static class Fixtures
{
    // The fixtures folder is located once, by the reader all test projects share.
    public static string PathOf(string relative) => Switchyard.Testing.RecordedTraffic.PathOf(relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>SSE events of a fixture: <c>*.chunks.txt</c> is json-lines (no event: field), others sse-full.</summary>
    public static IReadOnlyList<(string? EventType, byte[] Data)> Events(string relative) =>
        relative.EndsWith(".chunks.txt", StringComparison.Ordinal) ? JsonLines(Text(relative)) : ParseSse(Bytes(relative));

    public static IReadOnlyList<(string? EventType, byte[] Data)> JsonLines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)
            .Select(l => ((string?)null, Encoding.UTF8.GetBytes(l))).ToList();

    /// <summary>Parses SSE bytes with the same BCL parser the gateway uses upstream.</summary>
    public static IReadOnlyList<(string? EventType, byte[] Data)> ParseSse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return SseParser.Create(stream, static (_, data) => data.ToArray()).Enumerate()
            .Select(item => ((string?)item.EventType, item.Data)).ToList();
    }
}
