namespace Switchyard.Memory;

/// <summary>What deleting a session removed.</summary>
/// <param name="Turns">Turns deleted.</param>
/// <param name="Summaries">Summary versions deleted.</param>
/// <param name="Memories">Long-term memories deleted (from the store and the vector index).</param>
public readonly record struct SessionDeletion(int Turns, int Summaries, int Memories);
