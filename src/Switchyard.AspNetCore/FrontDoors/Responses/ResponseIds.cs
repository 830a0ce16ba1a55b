using System.Buffers.Text;
using System.Security.Cryptography;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>The gateway's own Responses ids: whichever provider served it, a client sees one id it can retrieve and resume.</summary>
internal static class ResponseIds
{
    /// <summary><c>resp_</c> then 128 random bits, base64url: unguessable, and a valid delta-log stream id.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return "resp_" + Base64Url.EncodeToString(bytes);
    }
}
