using System.Globalization;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Runtime;

/// <summary>An installed scenario with its clock origin and per-rule hit counters. Thread-safe.</summary>
internal sealed class ScenarioState(Scenario scenario, DateTimeOffset installedAt)
{
    private readonly int[] _hits = new int[scenario.Rules.Count];
    private long _requests;
    private int _openAIBatchValidations;
    private int _anthropicBatchValidations;

    public Scenario Scenario { get; } = scenario;

    public DateTimeOffset InstalledAt { get; } = installedAt;

    /// <summary>Finds the first rule that matches and still has hits left, and counts the hit.</summary>
    /// <param name="provider"><c>openai</c> or <c>anthropic</c>.</param>
    /// <param name="api">API name as in <see cref="SimulatorStats.ApiName"/>.</param>
    /// <param name="model">Requested model.</param>
    /// <param name="path">Request path.</param>
    /// <param name="stream">Whether the request streams.</param>
    /// <param name="now">Current time, for the rule windows.</param>
    /// <param name="seed">Effective seed; with the request number it drives rule probabilities reproducibly.</param>
    public FaultSpec? Select(string provider, string api, string model, string path, bool stream, DateTimeOffset now, int seed)
    {
        var number = Interlocked.Increment(ref _requests);
        var elapsed = (now - InstalledAt).TotalSeconds;
        for (var i = 0; i < _hits.Length; i++)
        {
            var rule = Scenario.Rules[i];
            if ((rule.Provider is not null && rule.Provider != provider)
                || (rule.Api is not null && rule.Api != api)
                || (rule.Model is not null && !Glob.IsMatch(rule.Model, model))
                || (rule.Path is not null && rule.Path != path)
                || (rule.Stream is { } s && s != stream)
                || elapsed < rule.FromSeconds
                || (rule.ToSeconds is { } to && elapsed >= to))
            {
                continue;
            }

            if (rule.Probability < 1.0)
            {
                var draw = new StablePrng(StableHash.Of(
                    seed.ToString(CultureInfo.InvariantCulture),
                    number.ToString(CultureInfo.InvariantCulture),
                    i.ToString(CultureInfo.InvariantCulture))).NextDouble();
                if (draw >= rule.Probability)
                {
                    continue;
                }
            }

            if (rule.Count is { } count && Interlocked.Increment(ref _hits[i]) > count)
            {
                continue;
            }

            return rule.Fault;
        }

        return null;
    }

    /// <summary>Counts a batch creation on <paramref name="provider"/>; true while the script's <see cref="BatchScript.ValidationFailures"/> are not spent.</summary>
    public bool TakeBatchValidationFailure(string provider)
    {
        var created = provider == "anthropic" ? Interlocked.Increment(ref _anthropicBatchValidations) : Interlocked.Increment(ref _openAIBatchValidations);
        return created <= Scenario.Batch.ValidationFailures;
    }

    public void ResetCounters()
    {
        Array.Clear(_hits);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _openAIBatchValidations, 0);
        Interlocked.Exchange(ref _anthropicBatchValidations, 0);
    }
}
