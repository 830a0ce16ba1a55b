using System.Collections.Concurrent;
using System.Text;

namespace Switchyard.Benchmarks;

/// <summary>
/// A line-for-line copy of the internal <c>Switchyard.Gateway.Streams.EventTypeNames</c> (not visible to this project),
/// so that the delta-log step costs what <c>ClientStream.PublishAsync</c> pays. Keep in step with the original.
/// </summary>
internal static class EventTypeNamesCopy
{
    private const int MaxCached = 256;
    private static readonly ConcurrentDictionary<int, string> Cache = new();

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
