using System.Text;
using System.Text.Json;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>Reads the recorded traffic in tests/fixtures, located by the shared RecordedTraffic reader.</summary>
internal static class Fixtures
{
    // The fixtures folder is located once, by the reader all test projects share.
    public static string PathOf(string relative) => Switchyard.Testing.RecordedTraffic.PathOf(relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>SSE data payloads of a full-framing file (<c>data: …</c> lines, blank-line separated).</summary>
    public static List<string> SseData(string sse) =>
        sse.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => string.Join("\n", frame.Split('\n')
                .Where(l => l.StartsWith("data:", StringComparison.Ordinal))
                .Select(l => l[5..].TrimStart(' '))))
            .Where(d => d.Length > 0)
            .ToList();

    public static List<string> SseFile(string relative) => SseData(File.ReadAllText(PathOf(relative)));

    /// <summary>A json-lines file: one SSE data payload per line.</summary>
    public static List<string> JsonLines(string relative) =>
        File.ReadAllLines(PathOf(relative)).Where(l => l.Trim().Length > 0).ToList();

    /// <summary>The entries of an http-record (openai-dotnet SessionRecords) file.</summary>
    public static JsonElement[] HttpEntries(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(relative)));
        return document.RootElement.GetProperty("Entries").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>An entry's response body as wire bytes: a streamed body is an array of lines, joined with "\n".</summary>
    public static byte[] ResponseBody(JsonElement entry)
    {
        var body = entry.GetProperty("ResponseBody");
        return body.ValueKind == JsonValueKind.Array
            ? Encoding.UTF8.GetBytes(string.Join("\n", body.EnumerateArray().Select(l => l.GetString())))
            : Encoding.UTF8.GetBytes(body.GetRawText());
    }

    public static byte[] RequestBody(JsonElement entry) => Encoding.UTF8.GetBytes(entry.GetProperty("RequestBody").GetRawText());
}
