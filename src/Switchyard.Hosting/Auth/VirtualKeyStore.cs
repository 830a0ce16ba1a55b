using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Hosting.Auth;

/// <summary>A resolved caller: the tenant and the key's display name.</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="KeyName">The key's display name (never the key).</param>
/// <param name="Admin">Whether the key may read every tenant's spend.</param>
public sealed record Caller(string Tenant, string KeyName, bool Admin = false);

/// <summary>
/// Maps virtual keys to tenants. Holds only hashes; looks a presented key up by its hash, so the comparison is
/// on a digest, not on the secret. Immutable and thread-safe; rebuilt on configuration reload.
/// </summary>
public sealed class VirtualKeyStore
{
    private readonly FrozenDictionary<string, Caller> _byHash;
    private readonly FrozenDictionary<string, Caller>.AlternateLookup<ReadOnlySpan<char>> _byHashSpan;

    /// <summary>Creates a store from (hash, caller) pairs; later duplicates of a hash are ignored.</summary>
    public VirtualKeyStore(IEnumerable<(string Hash, Caller Caller)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var map = new Dictionary<string, Caller>(StringComparer.Ordinal);
        foreach (var (hash, caller) in keys)
        {
            map.TryAdd(hash, caller);
        }

        _byHash = map.ToFrozenDictionary(StringComparer.Ordinal);
        _byHashSpan = _byHash.GetAlternateLookup<ReadOnlySpan<char>>();
        TenantCount = map.Values.Select(c => c.Tenant).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>Number of known keys.</summary>
    public int Count => _byHash.Count;

    /// <summary>Number of tenants the keys belong to: above one, what spans tenants is for admin keys only.</summary>
    public int TenantCount { get; }

    /// <summary>The caller for a presented key, or null when the key is unknown.</summary>
    public Caller? Find(string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        // Every request authenticates: the key's bytes, digest and stored form are built on the stack, not the heap.
        const int MaxStackKeyBytes = 512;
        var utf8Length = Encoding.UTF8.GetByteCount(presentedKey);
        Span<byte> utf8 = utf8Length <= MaxStackKeyBytes ? stackalloc byte[MaxStackKeyBytes] : new byte[utf8Length];
        var written = Encoding.UTF8.GetBytes(presentedKey, utf8);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(utf8[..written], digest);
        Span<char> stored = stackalloc char[KeyHash.Prefix.Length + 64];
        KeyHash.Prefix.CopyTo(stored);
        Convert.TryToHexStringLower(digest, stored[KeyHash.Prefix.Length..], out _);
        return _byHashSpan.TryGetValue(stored, out var caller) ? caller : null;
    }
}
