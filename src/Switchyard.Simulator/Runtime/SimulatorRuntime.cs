using Switchyard.Simulator.Batches;

namespace Switchyard.Simulator.Runtime;

/// <summary>
/// The mutable heart of one simulator: current scenario, counters and rate-limit windows. One instance
/// per hosted simulator, shared by all requests; thread-safe.
/// </summary>
internal sealed class SimulatorRuntime : IDisposable
{
    private ScenarioState _state;

    public SimulatorRuntime(SimulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        // Limits as a high real-world tier advertises them; a benchmark scales them up so that a gateway honouring them
        // (as Switchyard does) is measured for its overhead rather than for obeying the provider.
        var scale = options.RateLimitScale;
        OpenAILimits = new RateLimitWindow(time, requestLimit: (long)(10_000 * scale), inputTokenLimit: (long)(25_000_000 * scale), outputTokenLimit: (long)(5_000_000 * scale));
        AnthropicLimits = new RateLimitWindow(time, requestLimit: (long)(4_000 * scale), inputTokenLimit: (long)(2_000_000 * scale), outputTokenLimit: (long)(400_000 * scale));
        Responses = new ResponseStore(time);
        PromptCache = new PromptCache(time);
        Batches = new BatchStore(options.BatchDirectory);
        _state = new ScenarioState(options.Scenario ?? new Scenario(), time.GetUtcNow());
    }

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public SimulatorStats Stats { get; } = new();

    /// <summary>The latest generation requests' bodies (<c>GET /_sim/requests</c>).</summary>
    public RequestCapture Requests { get; } = new();

    /// <summary>Stored Responses API responses (<c>store:true</c>), for GET, resume, cancel and chaining.</summary>
    public ResponseStore Responses { get; }

    /// <summary>Anthropic's prompt cache, per key and model.</summary>
    public PromptCache PromptCache { get; }

    /// <summary>OpenAI files and batches of both providers.</summary>
    public BatchStore Batches { get; }

    /// <summary>How long a batch runs: the scenario's <c>batch.durationSeconds</c>, else <see cref="SimulatorOptions.BatchDuration"/>.</summary>
    public TimeSpan BatchDuration => State.Scenario.Batch.DurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : Options.BatchDuration;

    public RateLimitWindow OpenAILimits { get; }

    public RateLimitWindow AnthropicLimits { get; }

    public ScenarioState State => Volatile.Read(ref _state);

    public int Seed => State.Scenario.Seed ?? Options.Seed;

    /// <summary>Installs a scenario; its rule windows and hit counters start from now.</summary>
    public void Install(Scenario scenario) => Volatile.Write(ref _state, new ScenarioState(scenario, Time.GetUtcNow()));

    /// <summary>Clears statistics, captured requests, rule hit counters and rate-limit windows; keeps the scenario.</summary>
    public void Reset()
    {
        Stats.Reset();
        Requests.Clear();
        State.ResetCounters();
        OpenAILimits.Reset();
        AnthropicLimits.Reset();
        PromptCache.Clear();
    }

    /// <summary>Stops running batches and deletes the batch file directory (if the simulator created it).</summary>
    public void Dispose() => Batches.Dispose();
}
