namespace Switchyard.Simulator.Tests;

public sealed class ScenarioTests
{
    [Fact]
    public void Parse_DocumentedExample_ReadsAllFields()
    {
        var scenario = Scenario.Parse("""
            {"seed":7,"latency":{"firstTokenMs":200,"tokensPerSecond":80},
             "rules":[{"provider":"openai","model":"gpt-4o*","path":"/v1/chat/completions","stream":true,"fromSeconds":0,"toSeconds":30,"probability":0.5,"count":1,
                       "fault":{"kind":"status","status":429,"retryAfterSeconds":2,"errorType":"insufficient_quota"}},
                      {"fault":{"kind":"errorEvent","afterEvents":3}}]}
            """);

        Assert.Equal(7, scenario.Seed);
        Assert.Equal(200, scenario.Latency.FirstTokenMs);
        Assert.Equal(80, scenario.Latency.TokensPerSecond);
        var rule = scenario.Rules[0];
        Assert.Equal(("openai", "gpt-4o*", "/v1/chat/completions", true), (rule.Provider, rule.Model, rule.Path, rule.Stream));
        Assert.Equal((0d, 30d, 0.5, 1), (rule.FromSeconds, rule.ToSeconds!.Value, rule.Probability, rule.Count!.Value));
        Assert.Equal(FaultKind.Status, rule.Fault.Kind);
        Assert.Equal((429, 2, "insufficient_quota"), (rule.Fault.Status, rule.Fault.RetryAfterSeconds!.Value, rule.Fault.ErrorType));
        Assert.Equal(FaultKind.ErrorEvent, scenario.Rules[1].Fault.Kind);
        Assert.Null(scenario.Rules[1].Provider);
    }

    [Theory]
    [InlineData("""{"rules":[{"fault":{"kind":"explode"}}]}""", "$.rules[0].fault.kind")]
    [InlineData("""{"rules":[{}]}""", "$.rules[0].fault")]
    [InlineData("""{"rules":[{"fault":{"kind":"cut"}},{"provider":"azure","fault":{"kind":"cut"}}]}""", "$.rules[1].provider")]
    [InlineData("""{"rules":[{"fault":{"kind":"status","status":"429"}}]}""", "$.rules[0].fault.status")]
    [InlineData("""{"rules":[{"probability":1.5,"fault":{"kind":"cut"}}]}""", "$.rules[0].probability")]
    [InlineData("""{"latency":{"firstTokenMs":-1}}""", "$.latency.firstTokenMs")]
    [InlineData("""{"latency":{"firstTokenMS":1}}""", "$.latency.firstTokenMS")]
    [InlineData("""{"rules":[{"fault":{"kind":"overlap","chars":3}}]}""", "$.rules[0].fault.chars")]
    [InlineData("""{"rules":[{"fromSeconds":5,"toSeconds":1,"fault":{"kind":"cut"}}]}""", "$.rules[0].toSeconds")]
    [InlineData("""{"seed":"x"}""", "$.seed")]
    [InlineData("""{"rules":{}}""", "$.rules")]
    [InlineData("""{"rules":[{"fault":{"kind":"status","status":200}}]}""", "$.rules[0].fault.status")]
    [InlineData("""[1]""", "$")]
    [InlineData("""{"rules":[""", "$")]
    [InlineData("""{"rules":[{"fault":{"kind":"stall","seconds":10000000}}]}""", "$.rules[0].fault.seconds")]
    [InlineData("""{"rules":[{"fault":{"kind":"stall","seconds":1e308}}]}""", "$.rules[0].fault.seconds")]
    [InlineData("""{"latency":{"tokensPerSecond":1e-300}}""", "$.latency.tokensPerSecond")]
    public void Parse_InvalidInput_ThrowsWithJsonPath(string json, string path)
    {
        var e = Assert.Throws<ScenarioException>(() => Scenario.Parse(json));

        Assert.Equal(path, e.JsonPath);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_ParsedScenario_RoundTrips()
    {
        var scenario = Scenario.Parse("""
            {"seed":1,"rules":[{"model":"claude-*","count":2,"fault":{"kind":"duplicate","afterEvents":1,"count":2}},
                               {"fault":{"kind":"stall","seconds":0.5}},{"fault":{"kind":"status","status":503,"message":"busy"}}]}
            """);

        var again = Scenario.Parse(scenario.ToJson());

        Assert.Equal(scenario.Seed, again.Seed);
        Assert.Equal(scenario.Latency, again.Latency);
        Assert.Equal(scenario.Rules, again.Rules);
    }

    [Fact]
    public void Load_File_ParsesIt()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"rules":[{"fault":{"kind":"reset"}}]}""");
        try
        {
            Assert.Equal(FaultKind.Reset, Scenario.Load(path).Rules[0].Fault.Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
