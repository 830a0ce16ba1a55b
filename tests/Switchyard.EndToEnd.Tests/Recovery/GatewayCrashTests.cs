using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.Simulator;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>
/// The gateway process is killed (SIGKILL) in the middle of a stream and started again on the same files: a client
/// that resumes gets the events that were logged before the kill, then an explicit error event — never silence, never
/// a clean end.
/// </summary>
public sealed partial class GatewayCrashTests
{
    private const string Key = "sy-test-crash-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledMidStream_RestartedGatewayServesTheLoggedEventsThenAnErrorEvent()
    {
        await using var simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", new SimulatorOptions { Seed = 42 }, Ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (var scenario = await http.PutAsync(new Uri(simulator.BaseAddress, "/_sim/scenario"), new StringContent("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":40}}]}""", Encoding.UTF8, "application/json"), Ct))
        {
            scenario.EnsureSuccessStatusCode();
        }

        var database = Path.Combine(Path.GetTempPath(), $"switchyard-crash-{Guid.NewGuid():N}.db");
        var seen = new List<SseEvent>();
        using (var first = StartGateway(simulator, database))
        {
            var url = await ListeningUrlAsync(first);
            using var response = await http.SendAsync(Post(url), HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync(Ct));
            while (seen.Count < 8 && await reader.NextAsync(Ct) is { } next)
            {
                seen.Add(next);
            }

            // Let the log's writer commit what was sent (it batches for milliseconds), then kill without warning.
            await Task.Delay(300, Ct);
            first.Kill();
            await first.WaitForExitAsync(Ct);
        }

        using var second = StartGateway(simulator, database);
        try
        {
            var url = await ListeningUrlAsync(second);
            var request = Post(url);
            request.Headers.TryAddWithoutValidation("Last-Event-ID", seen[2].Id);
            using var resumed = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            using var reader = new SseReader(await resumed.Content.ReadAsStreamAsync(Ct));
            var rest = await reader.ReadToEndAsync(Ct);

            // Every event the client had already seen after #2 comes back identical (they were logged before the kill).
            Assert.Equal(seen.Skip(3).Select(e => (e.Id, e.Data)), rest.Take(seen.Count - 3).Select(e => (e.Id, e.Data)));
            Assert.Equal(Enumerable.Range(3, rest.Count).Select(i => (long)i), rest.Select(e => e.Sequence));

            // Then an explicit error in the caller's format, and no clean end.
            using var last = JsonDocument.Parse(rest[^1].Data);
            Assert.Equal("stream_broken", last.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.DoesNotContain(rest, e => e.Data == "[DONE]");
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync(Ct);
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(database) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private static HttpRequestMessage Post(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","stream":true,"max_completion_tokens":300,"messages":[{"role":"user","content":"Tell me a long story."}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
        return request;
    }

    private static Process StartGateway(SimulatorServer simulator, string database)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "switchyard.dll")}\" serve --urls http://127.0.0.1:0 --log-level Warning")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var simulatorUrl = simulator.BaseAddress.ToString().TrimEnd('/');
        info.Environment["OPENAI_API_KEY"] = "sk-sim-openai";
        info.Environment["OPENAI_BASE_URL"] = simulatorUrl;
        info.Environment["ANTHROPIC_API_KEY"] = "sk-sim-anthropic";
        info.Environment["ANTHROPIC_BASE_URL"] = simulatorUrl;
        info.Environment["SWITCHYARD_API_KEY"] = Key;
        info.Environment["SWITCHYARD__STORAGE__PATH"] = database;
        return Process.Start(info)!;
    }

    private static async Task<string> ListeningUrlAsync(Process process)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("The gateway exited before it listened: " + await process.StandardError.ReadToEndAsync(Ct));
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningOn();
}
