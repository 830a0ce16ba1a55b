using System.Security.Cryptography;

namespace Switchyard.Simulator.Batches;

/// <summary>Identifiers shaped like the real batch APIs' (random; not part of the deterministic content).</summary>
internal static class BatchIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string File() => "file-" + RandomNumberGenerator.GetString(Alphanumerics, 22);

    public static string OpenAIBatch() => "batch_" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static string RequestId() => "batch_req_" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static string AnthropicBatch() => "msgbatch_01" + RandomNumberGenerator.GetString(Alphanumerics, 22);
}
