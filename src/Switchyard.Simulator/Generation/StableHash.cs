using System.Text;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// FNV-1a over UTF-8, 64-bit. Chosen because string.GetHashCode is randomized per process and
/// System.IO.Hashing is not a dependency; the simulator's output must be identical across runs,
/// runtimes and machines, so every seed is derived through this function.
/// </summary>
internal static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string text) => Mix(OffsetBasis, text);

    /// <summary>Hashes the parts with a separator so ("ab","c") and ("a","bc") differ.</summary>
    public static ulong Of(params ReadOnlySpan<string> parts)
    {
        var hash = OffsetBasis;
        foreach (var part in parts)
        {
            hash = Mix(hash, part);
            hash = (hash ^ 0x1F) * Prime;
        }

        return hash;
    }

    private static ulong Mix(ulong hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var chars = text.AsSpan();
        while (!chars.IsEmpty)
        {
            // Chunk by 64 chars: at most 192 UTF-8 bytes, never splitting a surrogate pair mid-way.
            var take = Math.Min(64, chars.Length);
            if (take < chars.Length && char.IsHighSurrogate(chars[take - 1]))
            {
                take--;
            }

            var written = Encoding.UTF8.GetBytes(chars[..take], buffer);
            foreach (var b in buffer[..written])
            {
                hash = (hash ^ b) * Prime;
            }

            chars = chars[take..];
        }

        return hash;
    }
}
