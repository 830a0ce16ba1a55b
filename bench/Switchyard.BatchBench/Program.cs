using System.Diagnostics;
using System.Globalization;
using System.Text;
using Switchyard.Batching;
using Switchyard.Costs;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;
using Switchyard.Storage;

// Usage: dotnet run -c Release --project bench/Switchyard.BatchBench -- [sizeMB=1024] [openai|anthropic] [workDir] [fast|exact]
// Generates (once) a JSONL input of the given size, then plans it as `batch submit` does (validate every line,
// custom_id check, cost estimate with the engine's token estimator, chunk files and placement log, job recorded in
// SQLite), and prints the throughput and the process's peak RSS; then times the job store's first read of the lines,
// which builds the per-line table from the placement log.
var sizeMb = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
var provider = args.Length > 1 ? args[1] : "openai";
var work = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "switchyard-batchbench");
ITokenEstimator estimator = args.Length > 3 && args[3] == "exact" ? TokenEstimator.Instance : ByteRatioTokenEstimator.Instance;
Directory.CreateDirectory(work);
var input = Path.Combine(work, $"input-{sizeMb}mb.jsonl");
if (!File.Exists(input) || new FileInfo(input).Length < sizeMb * 1024L * 1024)
{
    InputGenerator.Write(input, sizeMb * 1024L * 1024);
}

var jobDir = Path.Combine(work, "job");
if (Directory.Exists(jobDir))
{
    Directory.Delete(jobDir, recursive: true);
}

var storePath = Path.Combine(work, "jobs.db");
foreach (var file in Directory.GetFiles(work, "jobs.db*"))
{
    File.Delete(file);
}

var target = provider == "anthropic"
    ? new BatchTarget("anthropic", BatchLimits.Anthropic, BatchLineFormat.AnthropicBatch, OpenAIChatCodec.Instance, AnthropicMessagesCodec.Instance)
    : new BatchTarget("openai", BatchLimits.OpenAI, BatchLineFormat.OpenAIBatch, OpenAIChatCodec.Instance, null);
var job = new BatchJob { Id = "bj_bench", Provider = provider, Fingerprint = "bench", Directory = jobDir, CreatedAt = DateTimeOffset.UtcNow };
var clock = Stopwatch.StartNew();
BatchPlanResult plan;
double seconds, lineTableSeconds;
using (var store = new SqliteBatchJobStore(storePath))
{
    await using (var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
    {
        // The generated lines name OpenAI models; an Anthropic job refuses those (BatchModelOwner), so --model runs them
        // on a Claude model, as a user would.
        var options = provider == "anthropic" ? new BatchPlanOptions { Model = "claude-haiku-4-5" } : new BatchPlanOptions();
        plan = new BatchPlanner(target, PriceBook.Default, estimator).Plan(stream, job, store, options);
    }

    seconds = clock.Elapsed.TotalSeconds;
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    var planRss = self.PeakWorkingSet64;

    // The job store builds its per-line table from the placement log on the first read (in `batch collect`, once the
    // provider has finished): timed separately, since it is not on the way to the first upload.
    clock.Restart();
    var rows = store.ReadLines(job.Id).LongCount();
    lineTableSeconds = clock.Elapsed.TotalSeconds;
    self.Refresh();
    var mb = plan.Bytes / 1024d / 1024d;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"provider={provider} estimator={estimator.GetType().Name} input={mb:0} MB lines={plan.Lines} chunks={plan.Chunks.Count} invalid={plan.InvalidLines} seconds={seconds:0.0} throughput={mb / seconds:0.0} MB/s peakRSS={planRss / 1024d / 1024d:0} MB estimate=${plan.EstimatedCostUsd:0.00}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"line table: {rows} rows built from the placement log in {lineTableSeconds:0.0} s (first read, in collect); peakRSS after={self.PeakWorkingSet64 / 1024d / 1024d:0} MB"));
}

return plan.Accepted ? 0 : 1;

/// <summary>Writes a realistic batch input: chat requests of ~1 KB with a system prompt and varied user text.</summary>
internal static class InputGenerator
{
    private static readonly string[] Words =
        "the of and to in is that for it as with was on be by this are from or have an which not at but can all were one their more also has been would two other some these into its only time may new after first most such over".Split(' ');

    public static void Write(string path, long bytes)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var text = new StringBuilder();
        long written = 0;
        for (var i = 0; written < bytes; i++)
        {
            text.Clear();
            var words = random.Next(80, 200);
            for (var w = 0; w < words; w++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(' ');
            }

            text.Append(i);
            var model = (i % 3) switch { 0 => "gpt-4o-mini", 1 => "gpt-4.1-mini", _ => "gpt-4o" };
            var line = $$$"""{"custom_id":"req-{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"{{{model}}}","messages":[{"role":"system","content":"You are a careful assistant. Answer briefly."},{"role":"user","content":"{{{text}}}"}],"max_tokens":256}}""";
            writer.Write(line);
            writer.Write('\n');
            written += Encoding.UTF8.GetByteCount(line) + 1;
        }
    }
}
