using System.Text.Json.Serialization;

namespace Switchyard.Storage;

/// <summary>Source-generated JSON for stored memory turns.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredMessage))]
internal sealed partial class MemoryJsonContext : JsonSerializerContext;
