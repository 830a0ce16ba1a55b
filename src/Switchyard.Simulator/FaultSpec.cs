namespace Switchyard.Simulator;

/// <summary>The fault a rule injects. Which members apply depends on <see cref="Kind"/>; see docs/simulator.md.</summary>
public sealed record FaultSpec
{
    /// <summary>The fault kind.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary><c>status</c>: the HTTP status. The default is 500.</summary>
    public int Status { get; init; } = 500;

    /// <summary><c>status</c>: value of the <c>retry-after</c> header in seconds; null sends none. The default is null.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary><c>status</c>/<c>errorEvent</c>: overrides the provider error type (e.g. <c>insufficient_quota</c>). The default is null.</summary>
    public string? ErrorType { get; init; }

    /// <summary><c>status</c>: overrides the OpenAI error code. The default is null.</summary>
    public string? Code { get; init; }

    /// <summary><c>status</c>/<c>errorEvent</c>: overrides the error message. The default is null.</summary>
    public string? Message { get; init; }

    /// <summary><c>stall</c>/<c>cut</c>/<c>errorEvent</c>/<c>duplicate</c>: events sent before the fault. The default is 0.</summary>
    public int AfterEvents { get; init; }

    /// <summary><c>stall</c>: pause length in seconds. The default is 0.</summary>
    public double Seconds { get; init; }

    /// <summary><c>duplicate</c>: how many previous events to re-send. The default is 1.</summary>
    public int Count { get; init; } = 1;

    /// <summary><c>overlap</c>: characters of the prefill to repeat, at least 8. The default is 8.</summary>
    public int Chars { get; init; } = 8;

    /// <summary><c>slow</c>: output speed in tokens per second. The default is 10.</summary>
    public double TokensPerSecond { get; init; } = 10;
}
