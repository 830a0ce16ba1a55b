using System.Security.Cryptography;

namespace Switchyard.Streaming;

/// <summary>The fingerprint an idempotency record compares requests by: the SHA-256 of the request body.</summary>
public static class IdempotencyFingerprint
{
    /// <summary>The fingerprint length in bytes.</summary>
    public const int Length = SHA256.HashSizeInBytes;

    /// <summary>The SHA-256 of <paramref name="body"/>; only this hash is stored, never the body.</summary>
    public static byte[] Of(ReadOnlySpan<byte> body) => SHA256.HashData(body);
}
