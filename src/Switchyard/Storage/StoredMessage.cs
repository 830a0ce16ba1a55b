using Switchyard.Model;

namespace Switchyard.Storage;

/// <summary>A stored message.</summary>
internal sealed record StoredMessage(ChatRole Role, string? Name, List<StoredPart> Parts);
