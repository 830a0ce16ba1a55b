using System.Diagnostics;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>Latency and throughput of one scenario.</summary>
internal sealed record RunResult(string Name, int Connections, bool Streaming, double RequestsPerSecond, double P50Ms, double P99Ms, double FirstByteP50Ms, double FirstByteP99Ms, int Errors);

/// <summary>
/// A closed-loop load generator: N workers, each sending the next request as soon as the previous one has been read
/// to the end. Records full-response latency and time to first body byte per request.
/// </summary>
internal static class LoadRunner
{
    public static async Task<RunResult> RunAsync(Scenario scenario, int connections, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var body = Encoding.UTF8.GetBytes(scenario.Body);
        var (samples, firstBytes, errors, elapsed) = await RunForAsync(http, scenario, body, connections, duration);
        samples.Sort();
        firstBytes.Sort();
        return new RunResult(
            scenario.Name,
            connections,
            scenario.Streaming,
            samples.Count / elapsed.TotalSeconds,
            Percentile(samples, 0.50),
            Percentile(samples, 0.99),
            Percentile(firstBytes, 0.50),
            Percentile(firstBytes, 0.99),
            errors);
    }

    private static async Task<(List<double> Samples, List<double> FirstBytes, int Errors, TimeSpan Elapsed)> RunForAsync(
        HttpClient http, Scenario scenario, byte[] body, int connections, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkerAsync(http, scenario, body, until))).ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (results.SelectMany(r => r.Samples).ToList(), results.SelectMany(r => r.FirstBytes).ToList(), results.Sum(r => r.Errors), elapsed);
    }

    private static async Task<(List<double> Samples, List<double> FirstBytes, int Errors)> WorkerAsync(HttpClient http, Scenario scenario, byte[] body, long until)
    {
        var samples = new List<double>(4096);
        var firstBytes = new List<double>(4096);
        var errors = 0;
        var buffer = new byte[16 * 1024];
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, scenario.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                foreach (var (name, value) in scenario.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                var first = true;
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    if (first)
                    {
                        firstBytes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        first = false;
                    }
                }

                if (!response.IsSuccessStatusCode)
                {
                    errors++;
                    continue;
                }

                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (HttpRequestException)
            {
                errors++;
            }
        }

        return (samples, firstBytes, errors);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
