namespace Switchyard.Routing;

/// <summary>
/// How long each step of a request may take. The total deadline is shared by every attempt of a request: a fallback gets
/// what is left, never a fresh budget.
/// </summary>
/// <param name="Name">Tier name (<c>interactive</c>, <c>standard</c>, <c>background</c>, or one of your own).</param>
public sealed record TimeoutTier(string Name)
{
    /// <summary>Time to establish a TCP/TLS connection to the provider. The default is 5 seconds.</summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time from sending a streaming request to its first content event. The default is 30 seconds.</summary>
    public TimeSpan FirstToken { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time from sending a non-streaming request to its complete answer, after which the attempt fails as
    /// <see cref="Failures.FailureKind.FirstTokenTimeout"/> and the request may fall back. The default is none: a long
    /// answer legitimately takes long, so only the total deadline bounds it unless a tier sets this.
    /// </summary>
    public TimeSpan? Answer { get; init; }

    /// <summary>Longest gap between two stream events after the first. The default is 30 seconds.</summary>
    public TimeSpan StreamIdle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline for the whole request, all attempts included. The default is 120 seconds.</summary>
    public TimeSpan Total { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The built-in tiers: <c>interactive</c>, <c>standard</c> (the default tier) and <c>background</c>.</summary>
    public static IReadOnlyDictionary<string, TimeoutTier> BuiltIn { get; } = new Dictionary<string, TimeoutTier>(StringComparer.Ordinal)
    {
        ["interactive"] = new("interactive") { Connect = TimeSpan.FromSeconds(2), FirstToken = TimeSpan.FromSeconds(8), StreamIdle = TimeSpan.FromSeconds(10), Total = TimeSpan.FromSeconds(30) },
        ["standard"] = new("standard"),
        ["background"] = new("background") { Connect = TimeSpan.FromSeconds(10), FirstToken = TimeSpan.FromSeconds(120), StreamIdle = TimeSpan.FromSeconds(60), Total = TimeSpan.FromMinutes(10) },
    };
}
