using System.Text.Json;

namespace Switchyard.Simulator.Scenarios;

/// <summary>
/// Reads scenario JSON by hand rather than by serializer so that every error names its exact path and
/// unknown keys are rejected, not silently ignored (a typo in a fault rule must not pass as "no fault").
/// </summary>
internal static class ScenarioParser
{
    /// <summary>The slowest pace of a stream, for <c>latency.tokensPerSecond</c> and a <c>slow</c> fault alike.</summary>
    private const double MinTokensPerSecond = 0.001;

    /// <summary>The longest <c>stall</c> fault: an hour.</summary>
    private const double MaxStallSeconds = 3600;

    public static Scenario Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScenarioException("$", $"invalid JSON ({e.Message})");
        }

        using (document)
        {
            var root = new JsonObjectReader(document.RootElement, "$", ["seed", "latency", "rules", "batch"]);
            var latency = root.Object("latency") is { } l ? ParseLatency(l) : new LatencyProfile();
            var rules = new List<ScenarioRule>();
            foreach (var (rule, path) in root.Array("rules"))
            {
                rules.Add(ParseRule(rule, path));
            }

            var batch = root.Object("batch") is { } b ? BatchScriptParser.Parse(b) : new BatchScript();
            return new Scenario { Seed = root.Int("seed"), Latency = latency, Rules = rules, Batch = batch };
        }
    }

    private static LatencyProfile ParseLatency(JsonObjectReader reader)
    {
        var latency = new JsonObjectReader(reader.Element, reader.Path, ["firstTokenMs", "tokensPerSecond"]);
        var tokensPerSecond = latency.Double("tokensPerSecond", min: 0) ?? 0;
        // 0 means unpaced; a rate as slow as 1e-300 made each token's wait overflow a TimeSpan (an empty 500).
        if (tokensPerSecond is > 0 and < MinTokensPerSecond)
        {
            throw new ScenarioException($"{latency.Path}.tokensPerSecond", $"{tokensPerSecond} is out of range: must be 0 (unpaced) or at least {MinTokensPerSecond}");
        }

        return new LatencyProfile
        {
            FirstTokenMs = latency.Int("firstTokenMs", min: 0) ?? 0,
            TokensPerSecond = tokensPerSecond,
        };
    }

    private static ScenarioRule ParseRule(JsonElement element, string path)
    {
        var rule = new JsonObjectReader(element, path, ["provider", "api", "model", "path", "stream", "fromSeconds", "toSeconds", "probability", "count", "fault"]);
        var provider = rule.String("provider");
        if (provider is not (null or "openai" or "anthropic"))
        {
            throw new ScenarioException($"{path}.provider", $"expected \"openai\" or \"anthropic\", got \"{provider}\"");
        }

        var api = rule.String("api");
        if (api is not (null or "chat.completions" or "responses" or "messages" or "count_tokens" or "input_tokens" or "embeddings"))
        {
            throw new ScenarioException($"{path}.api", $"expected \"chat.completions\", \"responses\", \"messages\", \"count_tokens\", \"input_tokens\" or \"embeddings\", got \"{api}\"");
        }

        var faultReader = rule.Object("fault") ?? throw new ScenarioException($"{path}.fault", "required");
        var from = rule.Double("fromSeconds", min: 0) ?? 0;
        var to = rule.Double("toSeconds", min: 0);
        if (to is { } end && end < from)
        {
            throw new ScenarioException($"{path}.toSeconds", "must not be less than fromSeconds");
        }

        return new ScenarioRule
        {
            Provider = provider,
            Api = api,
            Model = rule.String("model"),
            Path = rule.String("path"),
            Stream = rule.Bool("stream"),
            FromSeconds = from,
            ToSeconds = to,
            Probability = rule.Double("probability", min: 0, max: 1) ?? 1,
            Count = rule.Int("count", min: 0),
            Fault = ParseFault(faultReader),
        };
    }

    private static FaultSpec ParseFault(JsonObjectReader reader)
    {
        var fault = new JsonObjectReader(reader.Element, reader.Path,
            ["kind", "status", "retryAfterSeconds", "errorType", "code", "message", "afterEvents", "seconds", "count", "chars", "tokensPerSecond"]);
        var kindText = fault.String("kind") ?? throw new ScenarioException($"{fault.Path}.kind", "required");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !char.IsLower(kindText[0]) || int.TryParse(kindText, out _))
        {
            throw new ScenarioException($"{fault.Path}.kind", $"unknown fault kind \"{kindText}\" (expected one of status, stall, cut, errorEvent, duplicate, overlap, slow, reset)");
        }

        var defaults = new FaultSpec { Kind = kind };
        var spec = new FaultSpec
        {
            Kind = kind,
            Status = fault.Int("status", min: 100, max: 599) ?? defaults.Status,
            RetryAfterSeconds = fault.Int("retryAfterSeconds", min: 0),
            ErrorType = fault.String("errorType"),
            Code = fault.String("code"),
            Message = fault.String("message"),
            AfterEvents = fault.Int("afterEvents", min: 0) ?? 0,
            // An hour at most: a stall is a timer, and 1e7 seconds or more overflowed it into an empty 500.
            Seconds = fault.Double("seconds", min: 0, max: MaxStallSeconds) ?? 0,
            Count = fault.Int("count", min: 1) ?? defaults.Count,
            Chars = fault.Int("chars", min: 8) ?? defaults.Chars,
            TokensPerSecond = fault.Double("tokensPerSecond", min: MinTokensPerSecond) ?? defaults.TokensPerSecond,
        };
        if (kind == FaultKind.Status && spec.Status < 400)
        {
            throw new ScenarioException($"{fault.Path}.status", "a status fault needs an error status (400-599)");
        }

        return spec;
    }
}
