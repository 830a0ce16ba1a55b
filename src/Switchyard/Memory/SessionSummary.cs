namespace Switchyard.Memory;

/// <summary>
/// One version of a session's rolling (L2) summary. Each fold writes a new version; older versions are kept until
/// retention removes them, so what a past request was sent stays explainable.
/// </summary>
/// <param name="Version">1 for the first summary, then increasing by one per fold.</param>
/// <param name="Text">The summary text.</param>
/// <param name="Tokens">Its size in o200k tokens.</param>
/// <param name="ThroughSequence">The last turn folded in; turns after it are not summarized yet.</param>
/// <param name="CreatedAt">When this version was written.</param>
public sealed record SessionSummary(int Version, string Text, int Tokens, long ThroughSequence, DateTimeOffset CreatedAt);
