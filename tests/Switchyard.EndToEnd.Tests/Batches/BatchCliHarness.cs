using System.CommandLine;
using System.Text;
using System.Text.Json;
using Switchyard.Cli.Commands.Batch;
using Switchyard.Simulator;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// The real simulator on loopback plus the real <c>switchyard batch</c> commands invoked in-process (their own
/// parser, job store and HTTP clients), each run in a fresh temp directory that is deleted afterwards.
/// </summary>
internal sealed class BatchCliHarness : IAsyncDisposable
{
    private readonly HttpClient _control;

    private BatchCliHarness(SimulatorServer simulator, string directory)
    {
        Simulator = simulator;
        Directory = directory;
        _control = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public SimulatorServer Simulator { get; }

    /// <summary>Temp directory of this test: inputs, outputs, and the job store under <c>jobs/</c>.</summary>
    public string Directory { get; }

    public string JobDir => Path.Combine(Directory, "jobs");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a simulator whose batches end in <paramref name="batchSeconds"/> and answer in a few tokens.</summary>
    public static async Task<BatchCliHarness> StartAsync(double batchSeconds = 0.3, string? scenarioJson = null)
    {
        var options = new SimulatorOptions
        {
            BatchDuration = TimeSpan.FromSeconds(batchSeconds),
            MinOutputTokens = 1,
            MaxOutputTokens = 3,
        };
        var simulator = await SimulatorServer.StartAsync("http://127.0.0.1:0", options, Ct);
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-batch-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var harness = new BatchCliHarness(simulator, directory);
        if (scenarioJson is not null)
        {
            using var response = await harness._control.PutAsync(
                "/_sim/scenario", new StringContent(scenarioJson, Encoding.UTF8, "application/json"), Ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        return harness;
    }

    /// <summary>Runs <c>switchyard batch ARGS --job-dir … --base-url … --poll-interval 0.05</c> in-process.</summary>
    /// <param name="checkpoint">The runner's crash hook; an exception it throws propagates like a process dying there.</param>
    /// <param name="args">The verb and its arguments.</param>
    public async Task<CliRun> RunAsync(Action<string>? checkpoint, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new BatchCliContext
        {
            Out = output,
            Error = error,
            Environment = name => name switch
            {
                "OPENAI_API_KEY" => "sk-test",
                "ANTHROPIC_API_KEY" => "sk-ant-test",
                _ => null,
            },
            Checkpoint = checkpoint,
        };
        var root = new RootCommand { BatchCommand.Create(context) };
        string[] all = ["batch", .. args, "--job-dir", JobDir, "--base-url", Simulator.BaseAddress.ToString(), "--poll-interval", "0.05"];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exit = await root.Parse(all).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }, Ct);
        TestContext.Current.SendDiagnosticMessage($"batch {args[0]}: exit {exit} in {clock.Elapsed.TotalSeconds:0.00} s");
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Submits, waits and collects; returns the job id and the parsed output files.</summary>
    public async Task<(string JobId, List<JsonElement> Results, List<JsonElement> Failures)> SubmitWaitCollectAsync(params string[] submitArgs)
    {
        var submit = await RunAsync(["submit", .. submitArgs]);
        Assert.True(submit.Exit == 0, submit.ToString());
        var jobId = submit.LastLine;
        var (results, failures) = await WaitCollectAsync(jobId);
        return (jobId, results, failures);
    }

    public async Task<(List<JsonElement> Results, List<JsonElement> Failures)> WaitCollectAsync(string jobId, Action<string>? checkpoint = null)
    {
        var wait = await RunAsync("wait", jobId);
        Assert.True(wait.Exit == 0, wait.ToString());
        var output = Path.Combine(Directory, "results.jsonl");
        var collect = await RunAsync(checkpoint, "collect", jobId, "--output", output);
        Assert.True(collect.Exit == 0, collect.ToString());
        Assert.Equal(Path.Combine(Directory, "results.failures.jsonl"), collect.LastLine);
        return (ReadJsonl(output), ReadJsonl(collect.LastLine));
    }

    /// <summary>Writes <paramref name="count"/> OpenAI batch lines with custom_ids <c>req-i</c>.</summary>
    public string WriteInput(int count, string model = "gpt-4o-mini", string name = "input.jsonl", Func<int, string>? line = null)
    {
        var path = Path.Combine(Directory, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (var i = 0; i < count; i++)
        {
            writer.Write(line?.Invoke(i) ?? Line($"req-{i}", model, i));
            writer.Write('\n');
        }

        return path;
    }

    public static string Line(string customId, string model, int i) =>
        $$$"""{"custom_id":"{{{customId}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"{{{model}}}","messages":[{"role":"user","content":"Question number {{{i}}}"}],"max_tokens":8}}""";

    public static List<JsonElement> ReadJsonl(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>The simulator's <c>batches</c> stats.</summary>
    public async Task<JsonElement> StatsAsync()
    {
        var text = await _control.GetStringAsync("/_sim/stats", Ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static long Count(JsonElement map, string key) => map.TryGetProperty(key, out var value) ? value.GetInt64() : 0;

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await Simulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One CLI invocation's exit code and output.</summary>
internal sealed record CliRun(int Exit, string Out, string Error)
{
    /// <summary>The last non-empty line of standard output (the job id after <c>submit</c>).</summary>
    public string LastLine => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Error}";
}
