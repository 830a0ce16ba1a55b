namespace Switchyard.Memory;

/// <summary>
/// Names one conversation's memory: the tenant that owns it and the client's session id. Tenant isolation is structural:
/// every store and index operation takes this key, and no API searches or lists across tenants, so the same session id
/// used by two tenants names two unrelated memories.
/// </summary>
/// <param name="Tenant">The owning tenant (the gateway's tenant name); 1–256 characters.</param>
/// <param name="SessionId">The client's session id (header, metadata or Responses chain root); 1–256 characters.</param>
public readonly record struct MemorySessionKey(string Tenant, string SessionId)
{
    /// <summary>The longest tenant or session id accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Whether both parts are present and within <see cref="MaxLength"/>; the store rejects invalid keys.</summary>
    public bool IsValid =>
        !string.IsNullOrWhiteSpace(Tenant) && Tenant.Length <= MaxLength
        && !string.IsNullOrWhiteSpace(SessionId) && SessionId.Length <= MaxLength;

    /// <summary>Throws <see cref="ArgumentException"/> when <see cref="IsValid"/> is false.</summary>
    public void EnsureValid()
    {
        if (!IsValid)
        {
            throw new ArgumentException($"A memory session key needs a tenant and a session id of 1–{MaxLength} characters.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Tenant}/{SessionId}";
}
