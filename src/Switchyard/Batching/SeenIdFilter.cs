using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Switchyard.Batching;

/// <summary>
/// A Bloom filter over the custom_ids planned so far: "not seen" is certain, "maybe seen" is checked exactly by
/// <see cref="CustomIdCheck"/>. Its size is fixed, so planning memory does not grow with the input (16 MB keeps false
/// positives below one in ten thousand up to a few million lines and a few percent at 20 million — each one costs a
/// held line, not a wrong answer). Hand-written: a Bloom filter is a few lines and no kept .NET library offers one.
/// </summary>
internal sealed class SeenIdFilter
{
    private const int Probes = 4;

    private readonly ulong[] _bits;
    private readonly ulong _blockMask;

    /// <summary>Creates a filter of <paramref name="bytes"/> bytes (a power of two).</summary>
    public SeenIdFilter(int bytes = 16 * 1024 * 1024)
    {
        _bits = new ulong[bytes / sizeof(ulong)];
        _blockMask = ((ulong)bytes / 64) - 1;
    }

    /// <summary>Adds <paramref name="id"/>; returns false when it was certainly not seen before.</summary>
    public bool AddAndCheck(string id)
    {
        // Blocked: all probes fall in one 512-bit block (one cache line), so a check costs one memory miss, not four.
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));
        var block = (long)((hash & _blockMask) * 8);
        var seen = true;
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)(hash >> (40 + (i * 6))) & 511;
            ref var word = ref _bits[block + (bit >> 6)];
            var flag = 1UL << (bit & 63);
            seen &= (word & flag) != 0;
            word |= flag;
        }

        return seen;
    }
}
