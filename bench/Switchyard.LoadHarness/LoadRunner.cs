using System.Diagnostics;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>Latency and throughput of one scenario.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Connections">Closed-loop concurrency.</param>
/// <param name="Streaming">Whether the scenario streams.</param>
/// <param name="RequestsPerSecond">Successful responses per second.</param>
/// <param name="P50Ms">Median full-response latency.</param>
/// <param name="P99Ms">99th percentile full-response latency.</param>
/// <param name="FirstByteP50Ms">Median time to the first body byte.</param>
/// <param name="FirstByteP99Ms">99th percentile time to the first body byte.</param>
/// <param name="Errors">Failed requests (non-2xx or transport errors).</param>
/// <param name="EventsPerSecond">SSE events received per second (data lines); 0 for non-streaming scenarios.</param>
/// <param name="EventsPerStream">Mean SSE events per successful response.</param>
/// <param name="GapP50Us">Median over responses of the mean gap between the first and the last event of a response, in µs.</param>
/// <param name="ServerCpuUsPerRequest">CPU time of the process the scenario talks to (simulator or gateway) per successful response, in µs.</param>
/// <param name="Rate">Open-loop rate in requests per second; 0 for a closed loop (<paramref name="Connections"/>).</param>
internal sealed record RunResult(
    string Name, int Connections, bool Streaming, double RequestsPerSecond, double P50Ms, double P99Ms, double FirstByteP50Ms, double FirstByteP99Ms, int Errors,
    double EventsPerSecond = 0, double EventsPerStream = 0, double GapP50Us = double.NaN, double ServerCpuUsPerRequest = double.NaN, int Rate = 0);

/// <summary>The raw samples of one measurement; several (rounds) merge into one <see cref="RunResult"/>.</summary>
internal sealed class Samples(int capacity = 4096)
{
    public List<double> Latencies { get; } = new(capacity);

    public List<double> FirstBytes { get; } = new(capacity);

    /// <summary>Time to the first answer token (<see cref="FirstTokenScanner"/>); for non-streaming responses the first byte.</summary>
    public List<double> FirstTokens { get; } = new(capacity);

    public List<double> GapsUs { get; } = new(capacity);

    public long Events { get; set; }

    public int Errors { get; set; }

    /// <summary>
    /// Requests an open loop gave up on: still unanswered (or never sent) when its schedule and grace ended, because the
    /// target fell behind the offered rate. Overload, not failure; counted apart from <see cref="Errors"/>.
    /// </summary>
    public int GivenUp { get; set; }

    public TimeSpan Elapsed { get; set; }

    public TimeSpan ServerCpu { get; set; }

    public void Add(Samples other)
    {
        Latencies.AddRange(other.Latencies);
        FirstBytes.AddRange(other.FirstBytes);
        FirstTokens.AddRange(other.FirstTokens);
        GapsUs.AddRange(other.GapsUs);
        Events += other.Events;
        Errors += other.Errors;
        GivenUp += other.GivenUp;
        Elapsed += other.Elapsed;
        ServerCpu += other.ServerCpu;
    }

    public RunResult ToResult(Scenario scenario, int connections)
    {
        Latencies.Sort();
        FirstBytes.Sort();
        GapsUs.Sort();
        var seconds = Elapsed.TotalSeconds;
        return new RunResult(
            scenario.Name,
            connections,
            scenario.Streaming,
            Latencies.Count / seconds,
            Percentile(Latencies, 0.50),
            Percentile(Latencies, 0.99),
            Percentile(FirstBytes, 0.50),
            Percentile(FirstBytes, 0.99),
            Errors + GivenUp, // the overhead suite's rates are within every target's reach: falling behind is a failure there
            Events / seconds,
            Latencies.Count == 0 ? 0 : (double)Events / Latencies.Count,
            Percentile(GapsUs, 0.50),
            Latencies.Count == 0 ? double.NaN : ServerCpu.TotalMicroseconds / Latencies.Count);
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>
/// A closed-loop load generator: N workers, each sending the next request as soon as the previous one has been read
/// to the end. Records full-response latency and time to first body byte per request and, for streams, the number of
/// SSE events and the mean gap between them.
/// </summary>
internal static class LoadRunner
{
    public static async Task<RunResult> RunAsync(Scenario scenario, int connections, TimeSpan duration) =>
        (await MeasureAsync(scenario, connections, duration)).ToResult(scenario, connections);

    public static async Task<Samples> MeasureAsync(Scenario scenario, int connections, TimeSpan duration)
    {
        using var http = CreateClient(connections);
        var body = Encoding.UTF8.GetBytes(scenario.Body);
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkerAsync(http, scenario, body, until))).ToArray();
        var results = await Task.WhenAll(workers);
        var total = new Samples();
        foreach (var result in results)
        {
            total.Add(result);
        }

        total.Elapsed = Stopwatch.GetElapsedTime(started);
        return total;
    }

    private static async Task<Samples> WorkerAsync(HttpClient http, Scenario scenario, byte[] body, long until)
    {
        var samples = new Samples();
        var buffer = new byte[16 * 1024];
        while (Stopwatch.GetTimestamp() < until)
        {
            await SendAsync(http, scenario, body, buffer, Stopwatch.GetTimestamp(), samples);
        }

        return samples;
    }

    /// <summary>A client for one measurement; idle connections are dropped before Node's 5 s keep-alive timeout can race a reuse.</summary>
    public static HttpClient CreateClient(int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>
    /// Sends one request and reads the response to the end, recording into <paramref name="samples"/> the latency and
    /// times to first byte and first token measured from <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp: the actual send
    /// time in a closed loop, the scheduled send time in an open loop). A request cancelled by <paramref name="cancellationToken"/> counts as given up, a timed-out one as an error. Not
    /// thread-safe on <paramref name="samples"/>.
    /// </summary>
    public static async Task SendAsync(HttpClient http, Scenario scenario, byte[] body, byte[] buffer, long start, Samples samples, CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, scenario.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            foreach (var (name, value) in scenario.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var first = true;
            var counter = new SseDataLineCounter();
            var events = 0;
            long firstEvent = 0, lastEvent = 0;
            int read;
            var firstByte = 0.0;
            var firstToken = 0.0;
            var tokens = new FirstTokenScanner();
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var now = Stopwatch.GetTimestamp();
                if (first)
                {
                    firstByte = Stopwatch.GetElapsedTime(start, now).TotalMilliseconds;
                    firstToken = firstByte;
                    first = false;
                }

                if (scenario.Streaming && tokens.Scan(buffer.AsSpan(0, read)))
                {
                    firstToken = Stopwatch.GetElapsedTime(start, now).TotalMilliseconds;
                }

                if (scenario.Streaming && counter.Count(buffer.AsSpan(0, read)) is var found and > 0)
                {
                    firstEvent = events == 0 ? now : firstEvent;
                    lastEvent = now;
                    events += found;
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                samples.Errors++;
                return;
            }

            samples.FirstBytes.Add(firstByte);
            samples.FirstTokens.Add(firstToken);
            samples.Latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            samples.Events += events;
            if (events > 1)
            {
                samples.GapsUs.Add(Stopwatch.GetElapsedTime(firstEvent, lastEvent).TotalMicroseconds / (events - 1));
            }
        }
        catch (HttpRequestException)
        {
            samples.Errors++;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The open loop giving up on a request at the end of a row.
            samples.GivenUp++;
        }
        catch (OperationCanceledException)
        {
            // HttpClient's timeout.
            samples.Errors++;
        }
    }
}
