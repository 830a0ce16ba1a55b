namespace Switchyard.MemoryBench;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sample, double percentile)
    {
        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
