using Switchyard.Model;

namespace Switchyard.Testing.Memory;

/// <summary>
/// A long, deterministic agent conversation (seeded): user requests about everyday engineering and planning work,
/// assistant answers of a realistic length, and the <see cref="PlantedFacts"/> mentioned once each, spread evenly and
/// wrapped in ordinary chatter. Filler never contains a planted answer (the test checks), so finding an answer in the
/// assembled context means memory carried it.
/// </summary>
internal static class SyntheticConversation
{
    private static readonly string[] Topics =
    [
        "the CI pipeline", "the onboarding guide", "a slow SQL query", "the quarterly report", "a flaky integration test",
        "the marketing newsletter", "the Terraform module for queues", "the React settings page", "our incident postmortem",
        "the hiring rubric", "the mobile release notes", "the caching layer", "the search ranking tweak", "a customer escalation",
        "the API pagination design", "the budget spreadsheet", "the load test plan", "the accessibility audit",
        "the data export job", "the feature flag cleanup",
    ];

    private static readonly string[] Asks =
    [
        "Can you help me tighten up {0}?", "I need a second opinion on {0}.", "Let's continue with {0}.",
        "What would you change in {0}?", "Could you draft a plan for {0}?", "Please review {0} again.",
    ];

    private static readonly string[] Details =
    [
        "The deadline is close and the reviewers were picky last time.", "Keep it short, the audience is busy.",
        "Last attempt broke something downstream.", "We should avoid any breaking changes.",
        "The team wants clear next steps.", "Please flag anything risky.",
    ];

    private static readonly string[] Steps =
    [
        "splitting the work into smaller reviewable pieces", "measuring before changing anything", "adding a regression test first",
        "writing down the assumptions explicitly", "checking the logs for the failing cases", "asking the owners for constraints",
        "removing the dead code paths", "documenting the decision in the README", "rolling it out behind a flag",
        "comparing the old and new behaviour side by side",
    ];

    private static readonly string[] Wrappers =
    [
        "Before I forget: {0} Anyway, back to work.", "Side note, {0} Now, where were we?", "{0} Just so you know.",
        "By the way, {0} Let's keep going.", "Something personal: {0} OK, next task.",
    ];

    /// <summary>The conversation's exchanges (user, assistant), with the index of each planted fact's exchange.</summary>
    public static (IReadOnlyList<(string User, string Assistant)> Exchanges, IReadOnlyList<int> FactAt) Build(int exchanges, int seed = 7)
    {
        var random = new Random(seed);
        var facts = PlantedFacts.All;
        var spacing = exchanges / facts.Count;
        var factAt = Enumerable.Range(0, facts.Count).Select(i => (i * spacing) + random.Next(spacing)).ToArray();
        var list = new List<(string, string)>(exchanges);
        for (var i = 0; i < exchanges; i++)
        {
            var topic = Pick(random, Topics);
            var user = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, Asks), topic) + " " + Pick(random, Details);
            var fact = Array.IndexOf(factAt, i);
            if (fact >= 0)
            {
                user = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, Wrappers), facts[fact].Statement);
            }

            var assistant = $"Sure. For {topic}, I would start by {Pick(random, Steps)}, then continue by {Pick(random, Steps)}. " +
                $"After that, it makes sense to finish by {Pick(random, Steps)}, and finally by {Pick(random, Steps)}. " +
                "Tell me if you want me to go deeper on any of these steps or produce a checklist you can share with the team.";
            list.Add((user, assistant));
        }

        return (list, factAt);
    }

    /// <summary>The exchanges as canonical messages, in order.</summary>
    public static IEnumerable<ChatMessage> Messages(IEnumerable<(string User, string Assistant)> exchanges) =>
        exchanges.SelectMany(e => new[] { ChatMessage.FromText(ChatRole.User, e.User), ChatMessage.FromText(ChatRole.Assistant, e.Assistant) });

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
