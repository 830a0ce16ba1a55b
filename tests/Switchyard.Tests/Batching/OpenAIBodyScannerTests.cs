using System.Text;
using Switchyard.Batching;
using Switchyard.Costs;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Tests.Batching;

public sealed class OpenAIBodyScannerTests
{
    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "Missing required parameter: 'model'.")]
    [InlineData("""{"model":7,"messages":[{"role":"user","content":"hi"}]}""", "Invalid type for 'model': expected a string.")]
    [InlineData("""{"model":"gpt-4o"}""", "Missing required parameter: 'messages'.")]
    [InlineData("""{"model":"gpt-4o","messages":{}}""", "Invalid type for 'messages': expected an array.")]
    [InlineData("""{"model":"gpt-4o","messages":[]}""", "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.")]
    [InlineData("""{"model":"gpt-4o","messages":["hi"]}""", "Invalid type for 'messages[0]': expected an object.")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":"9"}""", "Invalid type for 'max_completion_tokens': expected an integer.")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":"yes"}""", "Invalid type for 'stream': expected a boolean.")]
    public void Scan_InvalidBody_SaysWhatIsWrong(string body, string expected)
    {
        Assert.Equal(expected, new OpenAIBodyScanner().Scan(Encoding.UTF8.GetBytes(body), out _));
    }

    [Fact]
    public void Scan_ValidBody_ReadsModelLimitAndStream()
    {
        var problem = new OpenAIBodyScanner().Scan("""{"stream":true,"model":"gpt-4o-mini","max_tokens":5,"max_completion_tokens":9,"messages":[{"role":"user","content":"hi"}]}"""u8, out var facts);

        Assert.Null(problem);
        Assert.Equal(new OpenAIBodyFacts("gpt-4o-mini", 9, true, facts.InputTokens), facts);
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Tell me about caf\u00e9s\nin Paris, \"briefly\"."}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","name":"ann","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"rainy, 7 C"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],"response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}}}""")]
    public void Scan_Estimate_IsNeverBelowTheByteRatioEstimateOfTheParsedRequest(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = OpenAIChatCodec.Instance.ReadRequest(bytes);
        Assert.True(request.IsSuccess, request.IsSuccess ? null : request.Failure.Message);

        Assert.Null(new OpenAIBodyScanner().Scan(bytes, out var facts));

        var exact = ByteRatioTokenEstimator.Instance.EstimateInputTokens(request.Value, "gpt-4o");
        Assert.InRange(facts.InputTokens, exact, (exact * 2) + 10);
    }
}
