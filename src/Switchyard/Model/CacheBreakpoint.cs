namespace Switchyard.Model;

/// <summary>
/// A prompt-cache breakpoint (Anthropic <c>cache_control:{type:"ephemeral", ttl?}</c>): the prompt up to and including
/// what carries it may be cached. On a request it asks for automatic caching of the whole prompt. OpenAI caches
/// prefixes by itself and has no field for it, so its codecs write none.
/// </summary>
/// <param name="Ttl">The cache's lifetime, <c>5m</c> or <c>1h</c>; null for the provider's default (5 minutes).</param>
public sealed record CacheBreakpoint(string? Ttl = null);
