namespace Switchyard.Simulator;

/// <summary>How slowly successful responses are produced.</summary>
public sealed record LatencyProfile
{
    /// <summary>Delay before the first token (streaming) or added to the whole response (non-streaming). The default is 0.</summary>
    public int FirstTokenMs { get; init; }

    /// <summary>Output speed after the first token; 0 means unlimited. The default is 0.</summary>
    public double TokensPerSecond { get; init; }
}
