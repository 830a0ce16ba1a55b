using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Switchyard.Testing;

/// <summary>
/// Reads the recorded provider traffic in <c>tests/fixtures</c> and turns each framing into SSE events. The folder is a
/// copy of the project's shared fixtures (<c>../shared/fixtures</c> beside the repository in development and in CI), kept
/// in the repository so that a fresh clone's tests need nothing else; <c>RecordedTrafficCopyTests</c> fails when the
/// two differ.
/// </summary>
public static class RecordedTraffic
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Absolute path of a fixture, e.g. <c>openai/chat/node-stream-structured-output.sse</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root.Value, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The manifest rows: local path → framing.</summary>
    public static IReadOnlyDictionary<string, string> Manifest() =>
        File.ReadAllLines(PathOf("MANIFEST.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cols => cols.Length >= 6)
            .ToDictionary(cols => cols[0], cols => cols[5]);

    /// <summary>A fixture's SSE events, whatever its framing (<c>sse-full</c>, <c>json-lines</c>, http-record stream body).</summary>
    public static IReadOnlyList<(string EventType, byte[] Data)> Events(string relative)
    {
        var bytes = File.ReadAllBytes(PathOf(relative));
        return relative.EndsWith(".chunks.txt", StringComparison.Ordinal) ? FromJsonLines(bytes) : ParseSse(bytes);
    }

    /// <summary>The streamed response body of the first streaming entry of an http-record file.</summary>
    public static IReadOnlyList<(string EventType, byte[] Data)> HttpRecordStream(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(relative)));
        var entry = document.RootElement.GetProperty("Entries").EnumerateArray().First(e => e.GetProperty("ResponseBody").ValueKind == JsonValueKind.Array);
        var text = string.Join("\n", entry.GetProperty("ResponseBody").EnumerateArray().Select(l => l.GetString()));
        return ParseSse(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses SSE bytes with the framework's parser (the same one the gateway uses).</summary>
    public static IReadOnlyList<(string EventType, byte[] Data)> ParseSse(byte[] bytes) =>
        SseParser.Create(new MemoryStream(bytes), static (_, data) => data.ToArray())
            .Enumerate()
            .Select(item => (item.EventType, item.Data))
            .ToList();

    // json-lines: one data payload per line; the SSE event name is the payload's own "type" when it has one.
    private static List<(string, byte[])> FromJsonLines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .Select(line => (EventTypeOf(line), Encoding.UTF8.GetBytes(line)))
            .ToList();

    private static string EventTypeOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()!
                : SseParser.EventTypeDefault;
        }
        catch (JsonException)
        {
            return SseParser.EventTypeDefault;
        }
    }

    private static string FindRoot() =>
        RepositoryRoot() is { } root && Directory.Exists(Path.Combine(root, "tests", "fixtures"))
            ? Path.Combine(root, "tests", "fixtures")
            : throw new DirectoryNotFoundException($"tests/fixtures not found in the repository above {AppContext.BaseDirectory}");

    /// <summary>The folder holding <c>Switchyard.slnx</c> above the test binaries; null when there is none.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
