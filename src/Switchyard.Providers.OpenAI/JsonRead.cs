using System.Text.Json;

namespace Switchyard.Providers.OpenAI;

/// <summary>Tolerant accessors for untrusted JSON: wrong types read as absent instead of throwing.</summary>
internal static class JsonRead
{
    public static bool IsNullOrMissing(JsonElement parent, string name, out JsonElement value) =>
        !parent.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null;

    public static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            ? v
            : null;

    public static JsonElement? Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v
            : null;

    /// <summary>The elements of an array property; empty when it is missing or not an array.</summary>
    public static IEnumerable<JsonElement> Elements(JsonElement parent, string name) =>
        Array(parent, name) is { } array ? array.EnumerateArray() : [];

    public static long? Int64(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v)
            && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
            ? n
            : null;

    /// <summary>A non-negative token count clamped to <see cref="int"/>; garbage and negatives read as 0.</summary>
    public static int Count(JsonElement parent, string name) =>
        Int64(parent, name) is { } n && n > 0 ? (int)Math.Min(n, int.MaxValue) : 0;
}
