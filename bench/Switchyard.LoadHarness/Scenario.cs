namespace Switchyard.LoadHarness;

/// <summary>One kind of request sent in a closed loop: where, what body, with which headers.</summary>
internal sealed record Scenario(string Name, Uri Url, string Body, IReadOnlyDictionary<string, string> Headers, bool Streaming)
{
    private const string OpenAIBody = """{"model":"gpt-4o-mini","max_completion_tokens":64,"messages":[{"role":"user","content":"Benchmark me, briefly."}]}""";
    private const string OpenAIStreamBody = """{"model":"gpt-4o-mini","max_completion_tokens":64,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Benchmark me, briefly."}]}""";
    private const string AnthropicStreamBody = """{"model":"gpt-4o-mini","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Benchmark me, briefly."}]}""";
    private const string AnthropicBody = """{"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"Benchmark me, briefly."}]}""";

    public static IEnumerable<Scenario> All(ProcessSet processes)
    {
        var simulatorAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer sk-bench" };
        var gatewayAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + ProcessSet.GatewayKey };
        var gatewayAnthropicAuth = new Dictionary<string, string> { ["x-api-key"] = ProcessSet.GatewayKey, ["anthropic-version"] = "2023-06-01" };
        var simulatorChat = new Uri(processes.Simulator, "/v1/chat/completions");
        var gatewayChat = new Uri(processes.Gateway, "/v1/chat/completions");
        var gatewayMessages = new Uri(processes.Gateway, "/v1/messages");

        yield return new("direct, non-streaming", simulatorChat, OpenAIBody, simulatorAuth, false);
        yield return new("gateway, non-streaming", gatewayChat, OpenAIBody, gatewayAuth, false);
        yield return new("gateway x-format, non-streaming", gatewayMessages, AnthropicBody, gatewayAnthropicAuth, false);
        yield return new("direct, streaming", simulatorChat, OpenAIStreamBody, simulatorAuth, true);
        yield return new("gateway, streaming", gatewayChat, OpenAIStreamBody, gatewayAuth, true);
        yield return new("gateway x-format, streaming", gatewayMessages, AnthropicStreamBody, gatewayAnthropicAuth, true);
        // The baseline build and the variants (--variant), same-format only, in the order they were started.
        foreach (var name in processes.GatewayNames.Where(n => n != Gateway))
        {
            var chat = new Uri(processes.GatewayNamed(name), "/v1/chat/completions");
            yield return new($"{name} gateway, non-streaming", chat, OpenAIBody, gatewayAuth, false);
            yield return new($"{name} gateway, streaming", chat, OpenAIStreamBody, gatewayAuth, true);
        }
    }

    /// <summary>The name of this build's gateway with its default configuration.</summary>
    public const string Gateway = "gateway";

    /// <summary>The name of the gateway started from another build by <c>--baseline</c>.</summary>
    public const string Baseline = "baseline";

    /// <summary>
    /// The overhead suite's gateways with <c>--baseline</c> and/or <c>--variant</c>: this build, the other build and this
    /// build once per variant, each with its own storage.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> WithBaseline(string? baselineCli, IReadOnlyList<GatewayVariant> variants)
    {
        var gateways = new Dictionary<string, IReadOnlyDictionary<string, string>> { [Gateway] = new Dictionary<string, string>() };
        if (baselineCli is not null)
        {
            gateways[Baseline] = new Dictionary<string, string> { [ProcessSet.CliOverride] = baselineCli };
        }

        foreach (var variant in variants)
        {
            gateways.Add(variant.Name, variant.Environment);
        }

        return gateways;
    }

    /// <summary>
    /// The peers suite: the same OpenAI chat request, non-streaming and streaming, straight to the simulator, through the
    /// bare .NET pass-through (<see cref="BarePassThrough"/>), through Switchyard (OpenAI door, OpenAI upstream) and
    /// through Portkey (upstream named per request in headers).
    /// </summary>
    public static IEnumerable<Scenario> Peers(ProcessSet processes, Uri bare, Uri portkey)
    {
        var simulatorAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer sk-bench" };
        var gatewayAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + ProcessSet.GatewayKey };
        var portkeyHeaders = PortkeyPeer.Headers(processes.Simulator);
        foreach (var streaming in new[] { false, true })
        {
            var body = streaming ? OpenAIStreamBody : OpenAIBody;
            yield return new(PeerRow.Direct, new Uri(processes.Simulator, "/v1/chat/completions"), body, simulatorAuth, streaming);
            yield return new(PeerRow.BareStack, new Uri(bare, "/v1/chat/completions"), body, simulatorAuth, streaming);
            yield return new(PeerRow.Switchyard, new Uri(processes.Gateway, "/v1/chat/completions"), body, gatewayAuth, streaming);
            yield return new(PeerRow.Portkey, new Uri(portkey, "/v1/chat/completions"), body, portkeyHeaders, streaming);
        }
    }

    /// <summary>The gateway names of the stream-log suite, each with its configuration overrides.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StreamLogGateways { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [LogOff] = new Dictionary<string, string> { ["SWITCHYARD__STREAMS__LOG"] = "false" },
            [LogOn] = new Dictionary<string, string> { ["SWITCHYARD__STREAMS__LOG"] = "true" },
        };

    public const string LogOff = "log-off";
    public const string LogOn = "log-on";

    /// <summary>Same-format streaming (OpenAI door, OpenAI upstream) straight to the simulator and through both gateways.</summary>
    public static IEnumerable<Scenario> StreamLog(ProcessSet processes)
    {
        var simulatorAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer sk-bench" };
        var gatewayAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + ProcessSet.GatewayKey };
        yield return new("direct, streaming", new Uri(processes.Simulator, "/v1/chat/completions"), OpenAIStreamBody, simulatorAuth, true);
        yield return new("gateway, log off, streaming", new Uri(processes.GatewayNamed(LogOff), "/v1/chat/completions"), OpenAIStreamBody, gatewayAuth, true);
        yield return new("gateway, log on, streaming", new Uri(processes.GatewayNamed(LogOn), "/v1/chat/completions"), OpenAIStreamBody, gatewayAuth, true);
    }
}
