using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>The assembled prompt and the account of what went into it.</summary>
/// <param name="Messages">The messages to send upstream, in canonical form and final order.</param>
/// <param name="Trace">Which memories, summary version and turns were included, with token counts per layer.</param>
public sealed record AssembledContext(IReadOnlyList<ChatMessage> Messages, ContextTrace Trace);
