namespace Switchyard.Simulator.Generation;

/// <summary>
/// The vocabulary of simulated answers. Plain lowercase ASCII words so that every " word" piece is one
/// pre-tokenizer chunk, which lets the generator count tokens by summing pieces (see <see cref="TextGenerator"/>).
/// Changing this list changes every simulated answer: treat it as part of the wire contract.
/// </summary>
internal static class WordList
{
    public static readonly IReadOnlyList<string> Words =
    [
        "the", "system", "routes", "each", "request", "through", "a", "gateway", "that", "balances",
        "load", "across", "several", "providers", "and", "keeps", "track", "of", "latency", "budgets",
        "when", "one", "model", "slows", "down", "traffic", "moves", "to", "another", "region",
        "while", "the", "client", "never", "notices", "any", "change", "in", "behavior", "every",
        "response", "carries", "usage", "data", "so", "costs", "can", "be", "measured", "later",
        "engineers", "often", "prefer", "simple", "rules", "over", "clever", "heuristics", "because", "they",
        "are", "easier", "explain", "under", "pressure", "stream", "arrives", "in", "small", "pieces",
        "which", "lets", "users", "read", "early", "words", "before", "whole", "answer", "is",
        "ready", "retries", "should", "back", "off", "with", "jitter", "avoid", "synchronized", "bursts",
        "quiet", "river", "carries", "light", "morning", "across", "old", "stones", "near", "village",
        "careful", "planning", "turns", "rough", "ideas", "into", "steady", "progress", "over", "time",
        "good", "tests", "describe", "what", "code", "promises", "not", "how", "it", "works",
        "clear", "names", "help", "readers", "find", "their", "way", "through", "large", "projects",
        "network", "may", "drop", "connection", "at", "worst", "possible", "moment", "without", "warning",
        "patient", "teams", "build", "tools", "measure", "first", "then", "improve", "what", "matters",
        "bright", "ideas", "grow", "slowly", "from", "honest", "questions", "shared", "among", "friends",
    ];

    /// <summary>Words that are a single o200k token both with and without a leading space, used to fill the last slots exactly.</summary>
    public static readonly IReadOnlyList<string> Fillers = ["and", "so", "the", "it", "to", "in", "at", "is"];
}
