namespace Switchyard.Simulator.Tests.Batches;

/// <summary>The scenario's <c>batch</c> section: parsing, path-named errors, round trip.</summary>
public sealed class BatchScriptTests
{
    [Fact]
    public void Parse_FullSection_RoundTrips()
    {
        var scenario = Scenario.Parse("""
            {"batch":{"durationSeconds":2.5,"validationFailures":1,
              "lineFaults":[{"kind":"rateLimited","fraction":0.02,"times":3},{"kind":"contentFiltered","fraction":0.01}]}}
            """);

        Assert.Equal(2.5, scenario.Batch.DurationSeconds);
        Assert.Equal(1, scenario.Batch.ValidationFailures);
        Assert.Equal([BatchFaultKind.RateLimited, BatchFaultKind.ContentFiltered], scenario.Batch.LineFaults.Select(f => f.Kind));
        Assert.Equal(3, scenario.Batch.LineFaults[0].Times);
        Assert.True(scenario.Batch.LineFaults[0].Retryable);
        Assert.False(scenario.Batch.LineFaults[1].Retryable);
        Assert.Equal(scenario.Batch.LineFaults, Scenario.Parse(scenario.ToJson()).Batch.LineFaults);
        Assert.Equal(scenario.Batch.DurationSeconds, Scenario.Parse(scenario.ToJson()).Batch.DurationSeconds);
    }

    [Theory]
    [InlineData("""{"batch":{"lineFaults":[{"kind":"teapot","fraction":0.1}]}}""", "$.batch.lineFaults[0].kind")]
    [InlineData("""{"batch":{"lineFaults":[{"kind":"expired"}]}}""", "$.batch.lineFaults[0].fraction")]
    [InlineData("""{"batch":{"lineFaults":[{"kind":"expired","fraction":0.6},{"kind":"serverError","fraction":0.6}]}}""", "$.batch.lineFaults[1].fraction")]
    [InlineData("""{"batch":{"lineFaults":[{"kind":"expired","fraction":0.1,"times":0}]}}""", "$.batch.lineFaults[0].times")]
    [InlineData("""{"batch":{"durationSecs":1}}""", "$.batch.durationSecs")]
    public void Parse_BadSection_NamesThePath(string json, string path)
    {
        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Equal(path, error.JsonPath);
    }
}
