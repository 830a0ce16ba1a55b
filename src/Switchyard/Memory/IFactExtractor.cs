using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>Pulls standalone statements worth remembering out of a turn (stored as <see cref="MemoryKind.Fact"/>). Thread-safe.</summary>
public interface IFactExtractor
{
    /// <summary>The facts in <paramref name="message"/>; empty when none.</summary>
    IReadOnlyList<string> Extract(ChatMessage message);
}
