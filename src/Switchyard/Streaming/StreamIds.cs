using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Switchyard.Streaming;

/// <summary>Stream ids that are safe to hand to clients as resume tokens.</summary>
public static class StreamIds
{
    /// <summary>The prefix of every stream id.</summary>
    public const string Prefix = "sys_";

    /// <summary>The length of every id made by <see cref="New()"/>.</summary>
    public const int Length = 4 + 8 + 22;

    /// <summary>A new id made at the current time of <see cref="TimeProvider.System"/>; see <see cref="New(DateTimeOffset)"/>.</summary>
    public static string New() => New(TimeProvider.System.GetUtcNow());

    /// <summary>
    /// A new id: <see cref="Prefix"/>, then the creation time (48-bit Unix milliseconds, big-endian) and 128 bits from
    /// <see cref="RandomNumberGenerator"/>, in unpadded base64url (8 + 22 characters). Unguessable, so knowing an id is not
    /// enough to read a stream; the tenant check still applies. The time comes first so that ids made close together
    /// share a prefix: the delta log keys events by stream id, and clustered keys keep its inserts on a few B-tree pages
    /// instead of one random page per stream.
    /// </summary>
    public static string New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[6 + 16];
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, now.ToUnixTimeMilliseconds());
        time[2..].CopyTo(bytes);
        RandomNumberGenerator.Fill(bytes[6..]);
        return Prefix + Base64Url.EncodeToString(bytes);
    }
}
