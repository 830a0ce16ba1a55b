using System.Text;
using System.Text.Json;

namespace Switchyard.Providers.Anthropic.Tests.Support;

internal static class Json
{
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static JsonElement Parse(byte[] bytes) => JsonDocument.Parse(bytes).RootElement.Clone();

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Compact, key-order-preserving form of any JSON text, for comparing documents.</summary>
    public static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
