using System.Collections.Concurrent;
using System.Text;

namespace Switchyard.Gateway.Streams;

/// <summary>
/// SSE event names as strings without allocating per event: the set is small and fixed by the wire formats, so each name
/// is decoded once. Unknown names beyond a bound are decoded fresh each time rather than growing the cache.
/// </summary>
internal static class EventTypeNames
{
    private const int MaxCached = 256;
    private static readonly ConcurrentDictionary<int, string> Cache = new();

    /// <summary>The name for <paramref name="utf8"/>, or null when empty (no <c>event:</c> line).</summary>
    public static string? Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        var hash = HashOf(utf8);
        if (Cache.TryGetValue(hash, out var name) && Matches(name, utf8))
        {
            return name;
        }

        name = Encoding.UTF8.GetString(utf8);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(hash, name);
        }

        return name;
    }

    private static int HashOf(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    private static bool Matches(string name, ReadOnlySpan<byte> utf8)
    {
        if (name.Length != utf8.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (name[i] != utf8[i])
            {
                return false;
            }
        }

        return true;
    }
}
