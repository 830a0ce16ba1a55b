using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Switchyard.Testing;

/// <summary>
/// Reads the recorded provider traffic in <c>shared/fixtures</c> (found by walking up from the test binaries: the
/// repository sits beside <c>shared/</c> in development and in CI) and turns each framing into SSE events.
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

        throw new DirectoryNotFoundException($"shared/fixtures not found above {AppContext.BaseDirectory}");
    }
}
