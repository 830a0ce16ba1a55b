namespace Switchyard.Simulator.Tests;

/// <summary>Splits a raw SSE body into events (the text between blank lines).</summary>
internal static class Sse
{
    public static List<string> Events(string body) => [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)];

    public static List<string> EventNames(string body) =>
        [.. Events(body).Select(e => e.Split('\n')[0]).Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l["event: ".Length..])];

    public static string Data(string sseEvent) => sseEvent.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
}
