using System.Text.Json.Serialization;

namespace Switchyard.Storage;

/// <summary>Source-generated JSON for the replayed response headers.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class IdempotencyJsonContext : JsonSerializerContext;
