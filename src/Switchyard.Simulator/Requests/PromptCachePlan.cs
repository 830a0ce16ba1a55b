using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Requests;

/// <summary>One block boundary of an Anthropic prompt, in cache order (tools, then system, then messages).</summary>
/// <param name="Hash">Hex SHA-256 of every block up to and including this one, <c>cache_control</c> left out (moving a
/// breakpoint does not change the content it covers).</param>
/// <param name="Tokens">Prompt tokens up to and including this block.</param>
/// <param name="Ttl">The breakpoint's lifetime when this block carries <c>cache_control</c> (<c>5m</c> or <c>1h</c>); null otherwise.</param>
internal sealed record CacheBoundary(string Hash, int Tokens, string? Ttl);

/// <summary>
/// What a request offers the prompt cache: its block boundaries with running hashes and token counts, and (Anthropic)
/// which of them are breakpoints, or (OpenAI, <see cref="Automatic"/>) that every boundary may be cached. Resolved
/// against the simulator's <see cref="Runtime.PromptCache"/> when the request runs.
/// </summary>
internal sealed partial record PromptCachePlan(IReadOnlyList<CacheBoundary> Boundaries)
{
    /// <summary>The most breakpoints one request may carry, as the API allows.</summary>
    public const int MaxBreakpoints = 4;

    private const int PerMessageTokens = 3;

    /// <summary>A plan without breakpoints: nothing is read or written.</summary>
    public static readonly PromptCachePlan None = new([]);

    /// <summary>OpenAI's automatic caching: no marks, every boundary of a long enough prompt is cached.</summary>
    public bool Automatic { get; init; }

    /// <summary>How long an automatic entry lives after its last use (OpenAI <c>prompt_cache_retention</c>).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>OpenAI's <c>prompt_cache_key</c>: requests with different keys do not share entries.</summary>
    public string? Partition { get; init; }

    /// <summary>Whether the request may read or write the cache at all.</summary>
    public bool OffersCaching => Automatic ? Boundaries.Count > 0 : Boundaries.Any(b => b.Ttl is not null);

    /// <summary>Reads an Anthropic body's blocks; null with <paramref name="error"/> when it asks for more breakpoints than allowed.</summary>
    public static PromptCachePlan? Read(JsonElement root, out WireError? error)
    {
        error = null;
        var blocks = new List<(JsonElement Block, int ExtraTokens, string? Text, string Role)>();
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            blocks.AddRange(tools.EnumerateArray().Select(t => (t, 0, (string?)null, "tool")));
        }

        if (root.TryGetProperty("system", out var system))
        {
            AddContent(blocks, system, PerMessageTokens, "system");
        }

        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content))
                {
                    AddContent(blocks, content, PerMessageTokens, JsonText.GetString(message, "role") ?? string.Empty);
                }
            }
        }

        // A request-level cache_control puts its breakpoint on the last block (automatic caching).
        var automatic = Ttl(root);
        var marks = blocks.Count(b => Ttl(b.Block) is not null) + (automatic is null ? 0 : 1);
        if (marks > MaxBreakpoints)
        {
            error = new WireError(400, "invalid_request_error", $"A maximum of {MaxBreakpoints} blocks with cache_control may be provided. Found {marks}.");
            return null;
        }

        if (marks == 0)
        {
            return None;
        }

        if (TtlOrderError(root) is { } orderError)
        {
            error = orderError;
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var boundaries = new List<CacheBoundary>(blocks.Count);
        var tokens = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var (block, extra, text, role) = blocks[i];
            var identity = text ?? JsonText.CompactWithout(block, "cache_control");
            hash.AppendData(Encoding.UTF8.GetBytes(role));
            hash.AppendData("\u001f"u8);
            hash.AppendData(Encoding.UTF8.GetBytes(identity));
            hash.AppendData("\u001e"u8);
            tokens += extra + Tokens(block, text, role, identity);
            var ttl = Ttl(block) ?? (i == blocks.Count - 1 ? automatic : null);
            boundaries.Add(new CacheBoundary(Convert.ToHexString(hash.GetCurrentHash()), tokens, ttl));
        }

        return new PromptCachePlan(boundaries);
    }

    // A string content is one text block; the per-message tokens go with a message's first block.
    private static void AddContent(List<(JsonElement, int, string?, string)> blocks, JsonElement content, int extraTokens, string role)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            blocks.Add((content, extraTokens, content.GetString(), role));
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            var text = JsonText.GetString(block, "type") == "text" ? JsonText.GetString(block, "text") : null;
            blocks.Add((block, extraTokens, text, role));
            extraTokens = 0;
        }
    }

    // A block counts as the conversation counts it (ConversationBuilder), so that a prefix never outgrows the prompt.
    private static int Tokens(JsonElement block, string? text, string role, string identity) =>
        text is not null ? TokenCounter.Count(text)
        : role == "tool" ? TokenCounter.Count(JsonText.Compact(block))
        : JsonText.GetString(block, "type") switch
        {
            "tool_use" => TokenCounter.Count($"[tool_call {JsonText.GetString(block, "name")} {(block.TryGetProperty("input", out var input) ? JsonText.Compact(input) : "{}")}]"),
            "tool_result" => TokenCounter.Count(block.TryGetProperty("content", out var content) ? JsonText.ContentText(content) : string.Empty),
            "image" => ConversationBuilder.ImageTokens + TokenCounter.Count("[image]"),
            "thinking" or "redacted_thinking" => 0,
            _ => TokenCounter.Count(identity),
        };

    // Longer lifetimes first: a one-hour mark after a five-minute one, in tools-system-messages order, is the API's 400.
    private static WireError? TtlOrderError(JsonElement root)
    {
        var marks = new List<(string Path, string Ttl)>();
        void Add(string path, JsonElement element)
        {
            if (Ttl(element) is { } ttl)
            {
                marks.Add((path, ttl));
            }
        }

        void AddBlocks(string path, JsonElement content)
        {
            if (content.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var block in content.EnumerateArray())
                {
                    Add($"{path}.{i++}", block);
                }
            }
        }

        AddBlocks("tools", root.TryGetProperty("tools", out var tools) ? tools : default);
        AddBlocks("system", root.TryGetProperty("system", out var system) ? system : default);
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            var m = 0;
            foreach (var message in messages.EnumerateArray())
            {
                AddBlocks($"messages.{m++}.content", message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content) ? content : default);
            }
        }

        var fiveMinutesSeen = false;
        foreach (var (path, ttl) in marks)
        {
            if (ttl == "1h" && fiveMinutesSeen)
            {
                return new WireError(400, "invalid_request_error", $"{path}.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.");
            }

            fiveMinutesSeen |= ttl == "5m";
        }

        return null;
    }

    private static string? Ttl(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("cache_control", out var control) && control.ValueKind == JsonValueKind.Object
            ? JsonText.GetString(control, "ttl") == "1h" ? "1h" : "5m"
            : null;
}
