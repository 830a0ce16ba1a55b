using BenchmarkDotNet.Attributes;
using Switchyard.Costs;
using Switchyard.Model;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Benchmarks;

/// <summary>
/// The step the request path runs for an OpenAI-format request on a route that can reach Claude
/// (<see cref="AutomaticCacheMark.Apply"/>): the typical ~1 KB chat body (nothing long enough to mark: the common case),
/// a ~3,000-token system prompt (marked), and a 20-call agent loop with that system prompt (two marks).
/// </summary>
[MemoryDiagnoser]
public class AutomaticCacheMarkBenchmarks
{
    private ChatRequest _request = null!;

    /// <summary>Which request.</summary>
    [Params("typical", "long-system", "tool-loop")]
    public string Prompt { get; set; } = "typical";

    [GlobalSetup]
    public void Setup()
    {
        var typical = TranslationBenchmarks.Read(OpenAIChatCodec.Instance, SampleBodies.OpenAIChatRequest);
        var system = ChatMessage.FromText(ChatRole.System, string.Concat(Enumerable.Repeat("The gateway keeps answers flowing when a provider fails. ", 300)));
        var loop = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            new ChatMessage(ChatRole.Assistant, [new ToolCallPart($"call_{i}", "search", """{"q":"canals"}""")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart($"call_{i}", [new TextPart(string.Concat(Enumerable.Repeat("Canals carry barges. ", 60)))])]),
        });
        _request = Prompt switch
        {
            "typical" => typical,
            "long-system" => typical with { Messages = [system, ChatMessage.FromText(ChatRole.User, "What does it do?")] },
            _ => typical with { Messages = [system, ChatMessage.FromText(ChatRole.User, "Research canals."), .. loop] },
        };
    }

    [Benchmark]
    public ChatRequest? Apply() => AutomaticCacheMark.Apply(_request);
}
