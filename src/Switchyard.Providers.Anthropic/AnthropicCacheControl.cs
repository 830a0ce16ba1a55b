using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// <c>cache_control:{type:"ephemeral", ttl?}</c> both ways, on a block, a tool or the request: read into a
/// <see cref="CacheBreakpoint"/> so that a body the gateway writes again (memory's context, the library) keeps the
/// client's prompt-cache breakpoints, and with them the cache discount.
/// </summary>
internal static class AnthropicCacheControl
{
    /// <summary>Reads <c>cache_control</c> of <paramref name="owner"/> (at <paramref name="path"/>); null when absent.</summary>
    public static FieldError? Read(JsonElement owner, string path, out CacheBreakpoint? cache)
    {
        cache = null;
        if (!owner.TryGet("cache_control", out var control))
        {
            return null;
        }

        var at = path.Length == 0 ? "cache_control" : $"{path}.cache_control";
        if (control.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject(at);
        }

        if (control.GetStringOrNull("type") is not "ephemeral")
        {
            return new FieldError($"{at}.type", "Input should be 'ephemeral'");
        }

        string? ttl = null;
        if (control.TryGet("ttl", out var ttlElement))
        {
            ttl = ttlElement.ValueKind == JsonValueKind.String ? ttlElement.GetString() : null;
            if (ttl is not ("5m" or "1h"))
            {
                return new FieldError($"{at}.ttl", "Input should be '5m' or '1h'");
            }
        }

        cache = new CacheBreakpoint(ttl);
        return null;
    }

    /// <summary>Writes <c>cache_control</c> when there is a breakpoint.</summary>
    public static void Write(Utf8JsonWriter w, CacheBreakpoint? cache)
    {
        if (cache is null)
        {
            return;
        }

        w.WriteStartObject("cache_control");
        w.WriteString("type", "ephemeral");
        if (cache.Ttl is { } ttl)
        {
            w.WriteString("ttl", ttl);
        }

        w.WriteEndObject();
    }
}
