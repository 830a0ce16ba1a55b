namespace Switchyard.Simulator;

/// <summary>The kinds of fault a rule can inject (JSON names in camelCase).</summary>
public enum FaultKind
{
    /// <summary>Answer with an HTTP error status and the provider's error body.</summary>
    Status,

    /// <summary>Pause before the first event (or after N events); delays a non-streaming response.</summary>
    Stall,

    /// <summary>Abort the connection after N stream events.</summary>
    Cut,

    /// <summary>Send a provider error event inside the 200 stream after N events, then close.</summary>
    ErrorEvent,

    /// <summary>Re-send the previous K events after N events.</summary>
    Duplicate,

    /// <summary>On a continuation, repeat the last K characters of the prefill before the remainder.</summary>
    Overlap,

    /// <summary>Produce tokens at the given rate.</summary>
    Slow,

    /// <summary>Abort the connection before any response byte.</summary>
    Reset,
}
