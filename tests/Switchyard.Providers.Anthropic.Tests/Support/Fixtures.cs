using System.Net.ServerSentEvents;
using System.Text;

namespace Switchyard.Providers.Anthropic.Tests.Support;

/// <summary>Loads recorded traffic from the shared fixtures folder, found by walking up from the test binaries.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(string relative) => Path.Combine(Root.Value, relative.Replace('/', Path.DirectorySeparatorChar));

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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "fixtures"), Path.Combine(dir.FullName, "..", "shared", "fixtures") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException($"No shared/fixtures above {AppContext.BaseDirectory}.");
    }
}
