using System.Text.Json;

namespace Switchyard.Simulator.Runtime;

/// <summary>
/// The bodies of the most recent generation requests, newest last, served by <c>GET /_sim/requests</c>: tests check
/// exactly what a gateway sent (e.g. the whole conversation it rebuilt). Bounded, so a long benchmark cannot grow it.
/// Thread-safe.
/// </summary>
internal sealed class RequestCapture
{
    /// <summary>How many requests are kept.</summary>
    public const int Capacity = 64;

    private readonly Queue<CapturedRequest> _requests = new();
    private readonly Lock _lock = new();

    /// <summary>Keeps <paramref name="body"/> of a request to <paramref name="path"/>, dropping the oldest beyond <see cref="Capacity"/>.</summary>
    public void Record(string path, JsonElement body)
    {
        var captured = new CapturedRequest(path, body.GetRawText());
        lock (_lock)
        {
            _requests.Enqueue(captured);
            while (_requests.Count > Capacity)
            {
                _requests.Dequeue();
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    /// <summary>Writes <c>{"requests":[{"path","body"}…]}</c>, oldest first; each body is the JSON the simulator received.</summary>
    public void Write(Utf8JsonWriter w)
    {
        CapturedRequest[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _requests];
        }

        w.WriteStartObject();
        w.WriteStartArray("requests");
        foreach (var request in snapshot)
        {
            w.WriteStartObject();
            w.WriteString("path", request.Path);
            w.WritePropertyName("body");
            w.WriteRawValue(request.Body, skipInputValidation: true);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private sealed record CapturedRequest(string Path, string Body);
}
