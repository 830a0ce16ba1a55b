using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// OpenAI's prompt-cache hints, <c>prompt_cache_key</c> (which requests share cache routing) and
/// <c>prompt_cache_retention</c> (how long a cached prefix is kept), the same on Chat Completions and Responses. Carried
/// on the canonical request so that a body written again (memory's context, a Chat client on a Responses route) keeps
/// the client's hit rate and retention. Claude has no such fields; its caching is by breakpoints.
/// </summary>
internal static class OpenAIPromptCache
{
    public static JsonProblem? Read(JsonElement root, out string? key, out string? retention)
    {
        retention = null;
        var problem = OpenAIRequestReader.OptionalString(root, "prompt_cache_key", out key);
        return problem ?? OpenAIRequestReader.OptionalString(root, "prompt_cache_retention", out retention);
    }

    public static void Write(Utf8JsonWriter writer, ChatRequest request)
    {
        if (request.PromptCacheKey is { } key)
        {
            writer.WriteString("prompt_cache_key", key);
        }

        if (request.PromptCacheRetention is { } retention)
        {
            writer.WriteString("prompt_cache_retention", retention);
        }
    }
}
