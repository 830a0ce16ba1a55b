namespace Switchyard.Storage;

/// <summary>
/// USD amounts as stored: integer nano-dollars (1e-9 USD). SQLite sums integers exactly (REAL would drift), and nanos
/// represent every price×token product of PROTOCOLS.md §9 exactly except half-nano batch amounts of the cheapest cache
/// reads, so rounding is at most 0.5 n$ per row. An INTEGER column holds up to about $9.2 billion.
/// </summary>
internal static class NanoDollars
{
    private const decimal PerUsd = 1_000_000_000m;

    /// <summary>Nearest nano-dollar, for settled spend and limits.</summary>
    public static long FromUsd(decimal usd) => decimal.ToInt64(decimal.Round(usd * PerUsd, MidpointRounding.AwayFromZero));

    /// <summary>Rounded up, for reservations, so a hold never undercounts its estimate.</summary>
    public static long FromUsdCeiling(decimal usd) => decimal.ToInt64(decimal.Ceiling(usd * PerUsd));

    public static decimal ToUsd(long nanos) => nanos / PerUsd;
}
