using System.Text;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>One SSE event as a raw client sees it.</summary>
internal sealed record SseEvent(string? Id, string? Type, string Data)
{
    /// <summary>The delta-log sequence in the event id (<c>stream:seq</c>).</summary>
    public long Sequence => long.Parse(Id![(Id!.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The visible text this event carries, in any of the three formats.</summary>
    public string Text
    {
        get
        {
            if (Data == "[DONE]" || !Data.StartsWith('{'))
            {
                return "";
            }

            using var json = JsonDocument.Parse(Data);
            var root = json.RootElement;
            if (root.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                return content.GetString()!;
            }

            if (Type == "content_block_delta" && root.GetProperty("delta").TryGetProperty("text", out var text))
            {
                return text.GetString()!;
            }

            return Type == "response.output_text.delta" ? root.GetProperty("delta").GetString()! : "";
        }
    }
}

/// <summary>Reads SSE events off a response body one at a time (so a test can stop after K and drop the connection).</summary>
internal sealed class SseReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The next event, or null at the end (a broken connection also ends it).</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null, data = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                return null;
            }

            if (line is null)
            {
                return data is null ? null : new SseEvent(id, type, data);
            }

            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(id, type, data);
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    /// <summary>Every remaining event.</summary>
    public async Task<List<SseEvent>> ReadToEndAsync(CancellationToken cancellationToken)
    {
        var events = new List<SseEvent>();
        while (await NextAsync(cancellationToken) is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    public void Dispose() => _reader.Dispose();
}
