using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Switchyard.Simulator.Runtime;

/// <summary>Counters served by <c>GET /_sim/stats</c>. Thread-safe; provider requests only.</summary>
internal sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<string, long> _byProvider = new();
    private readonly ConcurrentDictionary<string, long> _byModel = new();
    private readonly ConcurrentDictionary<string, long> _byPath = new();
    private readonly ConcurrentDictionary<string, long> _byStatus = new();
    private readonly ConcurrentDictionary<string, long> _byFault = new();
    private readonly ConcurrentDictionary<string, long> _byApi = new();
    private readonly ConcurrentDictionary<string, long> _responses = new();
    private long _total;
    private long _streaming;
    private long _cancelled;

    /// <summary>Batch API counters and the per-custom_id execution ledger.</summary>
    public BatchStats Batches { get; } = new();

    public void RecordArrival(string provider, string path)
    {
        Interlocked.Increment(ref _total);
        Increment(_byProvider, provider);
        Increment(_byPath, path);
    }

    /// <summary>Counts a generation request (a <c>POST</c> that produces an answer) for its API.</summary>
    public void RecordGeneration(SimulatorApi api) => Increment(_byApi, ApiName(api));

    /// <summary>Counts a call of an API that generates nothing (<c>count_tokens</c>, <c>input_tokens</c>) under its name in <c>byApi</c>.</summary>
    public void RecordApiCall(string apiName) => Increment(_byApi, apiName);

    /// <summary>Counts a Responses follow-up call: <c>retrieve</c>, <c>resume</c> (GET with stream=true), <c>cancel</c> or <c>delete</c>.</summary>
    public void RecordResponsesCall(string kind) => Increment(_responses, kind);

    /// <summary>The API's name in stats and in scenario rules' <c>api</c> filter.</summary>
    public static string ApiName(SimulatorApi api) => api switch
    {
        SimulatorApi.AnthropicMessages => "messages",
        SimulatorApi.OpenAIResponses => "responses",
        _ => "chat.completions",
    };

    public void RecordModel(string model, bool stream)
    {
        Increment(_byModel, model);
        if (stream)
        {
            Interlocked.Increment(ref _streaming);
        }
    }

    public void RecordStatus(int status) => Increment(_byStatus, status.ToString(CultureInfo.InvariantCulture));

    public void RecordFault(FaultKind kind) => Increment(_byFault, JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()));

    public void RecordCancelled() => Interlocked.Increment(ref _cancelled);

    public void Reset()
    {
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _streaming, 0);
        Interlocked.Exchange(ref _cancelled, 0);
        _byProvider.Clear();
        _byModel.Clear();
        _byPath.Clear();
        _byStatus.Clear();
        _byFault.Clear();
        _byApi.Clear();
        _responses.Clear();
        Batches.Reset();
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("total", Interlocked.Read(ref _total));
        WriteMap(w, "byProvider", _byProvider);
        WriteMap(w, "byModel", _byModel);
        WriteMap(w, "byPath", _byPath);
        WriteMap(w, "byStatus", _byStatus);
        WriteMap(w, "byFault", _byFault);
        WriteMap(w, "byApi", _byApi);
        WriteMap(w, "responses", _responses);
        w.WriteNumber("streaming", Interlocked.Read(ref _streaming));
        w.WriteNumber("cancelled", Interlocked.Read(ref _cancelled));
        w.WritePropertyName("batches");
        Batches.Write(w);
        w.WriteEndObject();
    }

    private static void Increment(ConcurrentDictionary<string, long> map, string key) => map.AddOrUpdate(key, 1, static (_, v) => v + 1);

    private static void WriteMap(Utf8JsonWriter w, string name, ConcurrentDictionary<string, long> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }
}
