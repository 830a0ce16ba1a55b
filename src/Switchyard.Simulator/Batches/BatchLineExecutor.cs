using System.Text.Json;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Batches;

/// <summary>
/// Runs one batch line as the online endpoint would answer it (same parser, planner and writer, so text and usage
/// match an online call) and writes its output, error or result line.
/// </summary>
internal sealed class BatchLineExecutor(SimulatorRuntime runtime)
{
    /// <summary>Runs one line and returns its outcome with the output line (UTF-8 JSON, no line break). Thread-safe.</summary>
    /// <param name="batch">The batch (provider, model accounting).</param>
    /// <param name="line">The input line: OpenAI <c>{custom_id, method, url, body}</c> or Anthropic <c>{custom_id, params}</c>.</param>
    public (LineOutcome Outcome, byte[] Line) Run(SimBatch batch, byte[] line)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        LineOutcome outcome;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            outcome = Run(batch, line, writer, writer);
        }

        return (outcome, buffer.WrittenSpan.ToArray());
    }

    private LineOutcome Run(SimBatch batch, byte[] line, Utf8JsonWriter output, Utf8JsonWriter errors)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var customId = root.GetProperty("custom_id").GetString()!;
        var openAI = batch.Provider == BatchProvider.OpenAI;
        var stats = runtime.Stats.Batches;
        var prior = stats.BeginAttempt(customId);
        var fault = LineFaults.Decide(runtime.State.Scenario.Batch, runtime.Seed, customId, prior);
        if (fault?.Kind == BatchFaultKind.Expired)
        {
            if (openAI)
            {
                OpenAIBatchJson.Expired(errors, customId);
            }
            else
            {
                AnthropicBatchJson.Bare(errors, customId, "expired");
            }

            return LineOutcome.Expired;
        }

        var parsed = fault is not null
            ? ParseResult.Fail(LineFaults.Error(fault.Kind, batch.Provider))
            : openAI ? OpenAIRequestParser.Parse(root.GetProperty("body")) : AnthropicRequestParser.Parse(root.GetProperty("params"));
        if (parsed.Request is { Api: SimulatorApi.AnthropicMessages, MaxTokens: 0 })
        {
            // A cache pre-warm answers nothing and is not allowed in batches (PROTOCOLS §4.2); the wording is a guess.
            parsed = ParseResult.Fail(new WireError(400, "invalid_request_error", "max_tokens: Input should be greater than or equal to 1 in a batch (max_tokens 0 only pre-warms the prompt cache)"));
        }

        if (parsed.Error is { } error)
        {
            if (openAI)
            {
                OpenAIBatchJson.HttpError(errors, customId, error);
            }
            else
            {
                AnthropicBatchJson.Errored(errors, customId, error);
            }

            return LineOutcome.Errored;
        }

        var request = parsed.Request!;
        var plan = ResponsePlanner.Plan(request, runtime.Seed, runtime.Options);
        if (openAI)
        {
            OpenAIBatchJson.Success(output, customId, OpenAIResponseWriter.Body(plan, Ids.ChatCompletionId(), runtime.Time.GetUtcNow().ToUnixTimeSeconds(), request.Model));
        }
        else
        {
            AnthropicBatchJson.Succeeded(output, customId, AnthropicResponseWriter.Body(plan, Ids.MessageId(), request.Model));
        }

        stats.RecordSuccess(customId);
        lock (batch.Gate)
        {
            batch.InputTokens += plan.PromptTokens;
            batch.OutputTokens += plan.CompletionTokens;
        }

        return LineOutcome.Succeeded;
    }
}
