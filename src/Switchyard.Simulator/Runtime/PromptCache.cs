using System.Collections.Concurrent;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Runtime;

/// <summary>Prompt tokens a request read from the cache and wrote to it, by lifetime.</summary>
internal readonly record struct CacheUsage(int ReadTokens, int FiveMinuteWriteTokens, int HourWriteTokens)
{
    public int WriteTokens => FiveMinuteWriteTokens + HourWriteTokens;
}

/// <summary>
/// Anthropic's prompt cache as the simulator models it, so a gateway's cache marks show up in usage and cost: per API key
/// and model, a breakpoint's prefix (the blocks up to it, in tools-system-messages order) is written when it reaches the
/// model's minimum length and read by a later request whose breakpoint, or one of the 20 blocks before it, ends the same
/// prefix. An entry lives 5 minutes (or 1 hour) from its last use. OpenAI's automatic caching is modelled at message
/// boundaries (<see cref="ResolveAutomatic"/>). Not modelled: batch lines, the cache being per workspace (Anthropic) or
/// per organisation (OpenAI, here per key), and a write becoming readable only once its response has begun. Thread-safe.
/// </summary>
internal sealed class PromptCache(TimeProvider time)
{
    private const int LookbackBlocks = 20;
    private const int MaxEntries = 100_000;
    private const int OpenAIMinimumTokens = PromptCachePlan.AutomaticMinimumTokens;
    private const int OpenAIStepTokens = 128;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, TimeSpan Ttl)> _entries = new(StringComparer.Ordinal);

    /// <summary><paramref name="plan"/> with what <paramref name="request"/> read from the cache and wrote to it.</summary>
    public ResponsePlan Apply(ResponsePlan plan, SimRequest request, string key) =>
        request.CachePlan is { OffersCaching: true } cachePlan ? plan with { Cache = Resolve(key, request.Model, cachePlan, plan.PromptTokens) } : plan;

    /// <summary>Reads and writes a request's breakpoints.</summary>
    /// <param name="key">The caller's API key: the cache is per key (an organisation's, in the real API).</param>
    /// <param name="model">The model asked for: the cache is per model.</param>
    /// <param name="plan">The request's blocks and breakpoints.</param>
    /// <param name="promptTokens">The prompt's whole size; what is read and written never exceeds it.</param>
    public CacheUsage Resolve(string key, string model, PromptCachePlan plan, int promptTokens)
    {
        if (!plan.OffersCaching)
        {
            return default;
        }

        if (plan.Automatic)
        {
            return ResolveAutomatic(plan.Partition is { } partition ? string.Concat(key, "\u001f", partition) : key, model, plan, promptTokens);
        }

        var now = time.GetUtcNow();
        var boundaries = plan.Boundaries;
        var read = 0;
        var readIndex = -1;
        for (var b = boundaries.Count - 1; b >= 0 && readIndex < 0; b--)
        {
            if (boundaries[b].Ttl is null)
            {
                continue;
            }

            for (var i = b; i >= Math.Max(0, b - LookbackBlocks + 1); i--)
            {
                var entry = EntryKey(key, model, boundaries[i].Hash);
                if (_entries.TryGetValue(entry, out var found) && found.Expires > now)
                {
                    _entries[entry] = (now + found.Ttl, found.Ttl);
                    read = boundaries[i].Tokens;
                    readIndex = i;
                    break;
                }
            }
        }

        var minimum = ModelCatalog.MinCacheableTokens(model);
        int fiveMinutes = 0, hour = 0;
        var covered = read;
        for (var i = readIndex + 1; i < boundaries.Count; i++)
        {
            if (boundaries[i] is not { Ttl: { } ttl } breakpoint || breakpoint.Tokens < minimum)
            {
                continue;
            }

            var lifetime = ttl == "1h" ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(5);
            Store(EntryKey(key, model, breakpoint.Hash), now, lifetime);
            var written = breakpoint.Tokens - covered;
            covered = breakpoint.Tokens;
            if (ttl == "1h")
            {
                hour += written;
            }
            else
            {
                fiveMinutes += written;
            }
        }

        // The plan counts blocks a little differently from the prompt's total; never report more than the prompt.
        read = Math.Min(read, promptTokens);
        hour = Math.Min(hour, promptTokens - read);
        fiveMinutes = Math.Min(fiveMinutes, promptTokens - read - hour);
        return new CacheUsage(read, fiveMinutes, hour);
    }

    /// <summary>
    /// OpenAI's automatic caching: a prompt of at least 1,024 tokens reads the longest prefix, up to a message boundary,
    /// that an earlier prompt of this key (and <c>prompt_cache_key</c>) and model had, in steps of 128 tokens from 1,024;
    /// and leaves each of its own boundaries from 1,024 tokens on for later prompts. Writes cost nothing extra.
    /// </summary>
    private CacheUsage ResolveAutomatic(string key, string model, PromptCachePlan plan, int promptTokens)
    {
        if (promptTokens < OpenAIMinimumTokens)
        {
            return default;
        }

        var now = time.GetUtcNow();
        var boundaries = plan.Boundaries;
        var read = 0;
        for (var i = boundaries.Count - 1; i >= 0 && boundaries[i].Tokens >= OpenAIMinimumTokens; i--)
        {
            var entry = EntryKey(key, model, boundaries[i].Hash);
            if (_entries.TryGetValue(entry, out var found) && found.Expires > now)
            {
                read = Math.Min(boundaries[i].Tokens, promptTokens);
                break;
            }
        }

        foreach (var boundary in boundaries)
        {
            if (boundary.Tokens >= OpenAIMinimumTokens)
            {
                Store(EntryKey(key, model, boundary.Hash), now, plan.Retention);
            }
        }

        var cached = read < OpenAIMinimumTokens ? 0 : OpenAIMinimumTokens + ((read - OpenAIMinimumTokens) / OpenAIStepTokens * OpenAIStepTokens);
        return new CacheUsage(cached, 0, 0);
    }

    /// <summary>Forgets every entry (<c>POST /_sim/reset</c>).</summary>
    public void Clear() => _entries.Clear();

    private void Store(string entry, DateTimeOffset now, TimeSpan lifetime)
    {
        if (_entries.Count >= MaxEntries)
        {
            foreach (var (old, value) in _entries)
            {
                if (value.Expires <= now)
                {
                    _entries.TryRemove(old, out _);
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                return;
            }
        }

        _entries[entry] = (now + lifetime, lifetime);
    }

    private static string EntryKey(string key, string model, string hash) => string.Concat(key, "\u001f", model, "\u001f", hash);
}
