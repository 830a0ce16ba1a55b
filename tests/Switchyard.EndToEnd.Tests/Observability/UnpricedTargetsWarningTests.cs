using Microsoft.Extensions.Logging;
using Switchyard.EndToEnd.Tests.Routing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// A route target whose model has no price is named in a warning when the gateway starts (with the default
/// <c>Costs:UnpricedModels</c> <c>free</c> its spend would count as $0 unseen); priced targets are not.
/// </summary>
public sealed class UnpricedTargetsWarningTests(UnpricedTargetsWarningTests.Harness harness) : IClassFixture<UnpricedTargetsWarningTests.Harness>
{
    public sealed class Harness : RoutingHarness
    {
        public CapturingLoggerProvider Capture { get; } = new();

        protected override IReadOnlyList<ILoggerProvider> LoggerProviders => [Capture];

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [.. Route("odd", "gpt-9-preview", PrimaryModel), .. Route("known", PrimaryModel, SecondaryModel)];
    }

    [Fact]
    public void Start_RouteWithAnUnpricedTarget_WarnsOnceNamingIt()
    {
        var warnings = harness.Capture.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("has no price", StringComparison.Ordinal)).ToList();

        var warning = Assert.Single(warnings);
        Assert.StartsWith("Route odd: target openai/gpt-9-preview has no price", warning.Message, StringComparison.Ordinal);
    }
}
