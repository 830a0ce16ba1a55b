namespace Switchyard.Simulator.Generation;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is fixed by its algorithm, unlike <see cref="Random"/>,
/// whose seeded sequence is an implementation detail of the runtime. Not thread-safe; create one
/// per generation.
/// </summary>
internal sealed class StablePrng(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [minInclusive, maxInclusive].</summary>
    public int Next(int minInclusive, int maxInclusive)
    {
        if (maxInclusive <= minInclusive)
        {
            return minInclusive;
        }

        var span = (ulong)((long)maxInclusive - minInclusive + 1);
        return (int)(minInclusive + (long)(NextUInt64() % span));
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count - 1)];

    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public string NextAlphanumeric(int length) => string.Create(length, this, static (span, prng) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphanumerics[prng.Next(0, Alphanumerics.Length - 1)];
        }
    });
}
