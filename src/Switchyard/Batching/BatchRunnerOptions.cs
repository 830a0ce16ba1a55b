namespace Switchyard.Batching;

/// <summary>How <see cref="BatchJobRunner"/> polls and where tests may stop it.</summary>
public sealed record BatchRunnerOptions
{
    /// <summary>Time between status polls while waiting. The default is 10 seconds.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How far before a create intent a provider batch may claim to have been made and still be taken for the one that
    /// intent created (clock skew between this machine and the provider). The default is 5 minutes.
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock. The default is the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Called at each named point of <see cref="BatchCheckpoints"/>; a test throws from it to simulate a process that
    /// stops exactly there. Null in production.
    /// </summary>
    public Action<string>? Checkpoint { get; init; }
}
