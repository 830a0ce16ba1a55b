using System.Buffers.Text;
using System.Security.Cryptography;

namespace Switchyard.Streaming;

/// <summary>Stream ids that are safe to hand to clients as resume tokens.</summary>
public static class StreamIds
{
    /// <summary>The prefix of every stream id.</summary>
    public const string Prefix = "sys_";

    /// <summary>
    /// A new id: <see cref="Prefix"/> then 128 bits from <see cref="RandomNumberGenerator"/> in unpadded base64url
    /// (22 characters). Unguessable, so knowing an id is not enough to read a stream; the tenant check still applies.
    /// </summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Base64Url.EncodeToString(bytes);
    }
}
