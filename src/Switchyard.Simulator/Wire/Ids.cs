using System.Security.Cryptography;

namespace Switchyard.Simulator.Wire;

/// <summary>Random identifiers shaped like the providers' (ids are per response, not part of the deterministic content).</summary>
internal static class Ids
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string OpenAIRequestId() => "req_" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static string ChatCompletionId() => "chatcmpl-" + RandomNumberGenerator.GetString(Alphanumerics, 29);

    public static string AnthropicRequestId() => "req_011C" + RandomNumberGenerator.GetString(Alphanumerics, 20);

    public static string MessageId() => "msg_01" + RandomNumberGenerator.GetString(Alphanumerics, 22);

    /// <summary>Responses ids (<c>resp_</c>, <c>msg_</c>, <c>fc_</c>) followed by 50 lowercase hex digits, as the real API sends.</summary>
    public static string ResponsesItemId(string prefix) => prefix + RandomNumberGenerator.GetHexString(50, lowercase: true);

    public static string Obfuscation() => RandomNumberGenerator.GetString(Alphanumerics, RandomNumberGenerator.GetInt32(1, 17));

    /// <summary>A stable fingerprint per model, as the real API reports one per backend build.</summary>
    public static string SystemFingerprint(string model) => "fp_" + (Generation.StableHash.Of(model) & 0xFFFFFFFFFFUL).ToString("x10", System.Globalization.CultureInfo.InvariantCulture);
}
