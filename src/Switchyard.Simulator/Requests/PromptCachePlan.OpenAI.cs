using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Requests;

/// <summary>OpenAI's automatic caching: the boundaries of a Chat Completions or Responses prompt, message by message.</summary>
internal sealed partial record PromptCachePlan
{
    /// <summary>The shortest prompt OpenAI caches, in tokens.</summary>
    public const int AutomaticMinimumTokens = 1024;

    /// <summary>
    /// Whether a prompt is long enough for OpenAI to cache. Shorter ones get no plan: hashing every message of every
    /// request would be CPU a benchmark on one machine takes from the gateway, for prompts that cannot be cached.
    /// </summary>
    public static bool CanCacheAutomatically(Conversation conversation) => conversation.PromptTokens >= AutomaticMinimumTokens;

    /// <summary>A Chat Completions body: the tool definitions (rendered ahead of the messages), then each message.</summary>
    public static PromptCachePlan ForChat(JsonElement root)
    {
        var blocks = ToolBlock(root);

        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                blocks.Add(MessageBlock(message));
            }
        }

        return Automatically(blocks, root);
    }

    /// <summary>A Responses body: the tools, the instructions, then each input item (a previous response's included).</summary>
    public static PromptCachePlan ForResponses(JsonElement root, string? instructions, IReadOnlyList<string> items)
    {
        var blocks = ToolBlock(root);

        if (!string.IsNullOrEmpty(instructions))
        {
            blocks.Add(("instructions\u001f" + instructions, TokenCounter.Count(instructions) + PerMessageTokens));
        }

        foreach (var item in items)
        {
            using var document = JsonDocument.Parse(item);
            blocks.Add(MessageBlock(document.RootElement));
        }

        return Automatically(blocks, root);
    }

    // The tool definitions, one block ahead of everything else (OpenAI renders them first).
    private static List<(string Identity, int Tokens)> ToolBlock(JsonElement root)
    {
        var blocks = new List<(string Identity, int Tokens)>();
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0)
        {
            var json = JsonText.Compact(tools);
            blocks.Add((json, TokenCounter.Count(json)));
        }

        return blocks;
    }

    // A message's identity is its whole JSON; its tokens are its text's, plus the per-message overhead.
    private static (string Identity, int Tokens) MessageBlock(JsonElement message)
    {
        var identity = JsonText.Compact(message);
        var text = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content) ? JsonText.ContentText(content) : identity;
        var calls = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("tool_calls", out var toolCalls) ? TokenCounter.Count(JsonText.Compact(toolCalls)) : 0;
        return (identity, TokenCounter.Count(text) + calls + PerMessageTokens);
    }

    private static PromptCachePlan Automatically(List<(string Identity, int Tokens)> blocks, JsonElement root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var boundaries = new List<CacheBoundary>(blocks.Count);
        var tokens = 0;
        foreach (var (identity, count) in blocks)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(identity));
            hash.AppendData("\u001e"u8);
            tokens += count;
            boundaries.Add(new CacheBoundary(Convert.ToHexString(hash.GetCurrentHash()), tokens, null));
        }

        return new PromptCachePlan(boundaries)
        {
            Automatic = true,
            Retention = JsonText.GetString(root, "prompt_cache_retention") == "24h" ? TimeSpan.FromHours(24) : TimeSpan.FromMinutes(5),
            Partition = JsonText.GetString(root, "prompt_cache_key"),
        };
    }
}
