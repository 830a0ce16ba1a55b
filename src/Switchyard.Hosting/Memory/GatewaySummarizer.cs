using System.Text;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Memory;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Hosting.Memory;

/// <summary>
/// The rolling summary's writer: a cheap model called through the gateway's own forwarder, so routes, fallbacks, storm
/// control, budgets and the spend ledger apply to it as to any request (tenant = the session's tenant, key name
/// <see cref="KeyName"/>, its own timeout tier). Never throws for a failed call: the engine keeps the turns pending.
/// </summary>
internal sealed class GatewaySummarizer(GatewayRuntime runtime, string model, string tier) : ISummarizer
{
    /// <summary>The key name its spend is recorded under in the ledger.</summary>
    public const string KeyName = "memory-summarizer";

    private const string Instructions =
        "You maintain the running summary of a long conversation between a user and an assistant. Merge the previous "
        + "summary and the new turns into one concise summary in the third person. Keep every fact, name, number, "
        + "decision, preference and open task; drop greetings and repetition. Write only the summary.";

    public async Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var codec = GatewayRuntime.OpenAICodec;
        var chat = new ChatRequest
        {
            Model = model,
            Messages = [ChatMessage.FromText(ChatRole.System, Instructions), ChatMessage.FromText(ChatRole.User, Prompt(request))],
            MaxOutputTokens = request.MaxSummaryTokens,
            Temperature = 0,
        };

        // Written in the Chat Completions format, so that an OpenAI target passes it through unchanged.
        var gatewayRequest = new GatewayRequest(codec, chat, codec.WriteRequest(chat, new UpstreamRequestOptions(model, Stream: false)))
        {
            Tenant = request.Key.Tenant,
            KeyName = KeyName,
            TierOverride = tier,
        };
        var sink = new CapturingSink();
        var outcome = await runtime.Current.Forwarder.ForwardAsync(gatewayRequest, sink, cancellationToken);
        var usage = outcome.Usage;
        if (outcome.Failure is { } failure || sink.Body is not { } body)
        {
            return SummaryResult.Failed($"summarizer {outcome.Failure?.Kind.ToString() ?? "gave no answer"}", usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0, outcome.CostUsd);
        }

        var parsed = codec.ReadResponse(body);
        if (!parsed.IsSuccess || string.IsNullOrWhiteSpace(parsed.Value.Text))
        {
            return SummaryResult.Failed("summarizer answer unreadable or empty", usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0, outcome.CostUsd);
        }

        return SummaryResult.Success(parsed.Value.Text.Trim(), usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0, outcome.CostUsd);
    }

    private static string Prompt(SummaryRequest request)
    {
        var prompt = new StringBuilder();
        prompt.Append("Previous summary:\n").Append(request.PreviousSummary ?? "(none)").Append("\n\nNew turns:\n");
        foreach (var turn in request.Turns)
        {
            prompt.Append(turn.Message.Role.ToString().ToLowerInvariant()).Append(": ").Append(TurnText(turn.Message)).Append('\n');
        }

        return prompt.ToString();
    }

    private static string TurnText(ChatMessage message)
    {
        var text = new StringBuilder();
        foreach (var part in message.Content)
        {
            switch (part)
            {
                case TextPart t:
                    text.Append(t.Text);
                    break;
                case ToolCallPart call:
                    text.Append("[calls ").Append(call.Name).Append(' ').Append(call.ArgumentsJson).Append(']');
                    break;
                case ToolResultPart result:
                    text.Append("[tool result: ").Append(string.Concat(result.Content.OfType<TextPart>().Select(p => p.Text))).Append(']');
                    break;
            }
        }

        return text.ToString();
    }
}
