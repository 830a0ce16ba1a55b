using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Hosting.Auth;

/// <summary>
/// Hashes virtual keys for storage. Keys are long random tokens, not passwords, so one SHA-256 is the right tool
/// (as for GitHub and Stripe tokens): it is unguessable to invert and fast enough to check on every request.
/// </summary>
public static class KeyHash
{
    /// <summary>The stored form's prefix.</summary>
    internal const string Prefix = "sha256:";

    /// <summary>The stored form of <paramref name="key"/>: <c>sha256:</c> + 64 lowercase hex digits.</summary>
    public static string Compute(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>
    /// Whether <paramref name="hash"/> has the stored form. Hex digits of either case are accepted, since some tools
    /// print upper case (PowerShell's <c>Get-FileHash</c>); <see cref="Normalize"/> gives the form keys are matched in.
    /// </summary>
    public static bool IsWellFormed(string? hash) =>
        hash is { Length: 71 } && hash.StartsWith(Prefix, StringComparison.Ordinal) && hash.AsSpan(Prefix.Length).ContainsOnlyHex();

    /// <summary>A configured hash in the form <see cref="Compute"/> gives (lower-case hex), so that it matches.</summary>
    public static string Normalize(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.ToLowerInvariant();
    }

    /// <summary>A fresh random key with the given prefix, e.g. <c>sy-dev-…</c>.</summary>
    public static string NewKey(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}

file static class HexExtensions
{
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
