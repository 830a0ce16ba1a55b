using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Switchyard.Batching;
using Switchyard.Costs;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;

namespace Switchyard.Cli.Commands.Batch;

/// <summary>
/// <c>switchyard batch submit INPUT.jsonl</c>: validate, split, bound the cost, record the job, submit. Running it again
/// with the same input and options continues the same job (the job id is printed again) rather than submitting twice.
/// </summary>
internal static class BatchSubmitCommand
{
    public static Command Create(BatchCliContext context)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "JSONL input: OpenAI batch lines {custom_id, method, url, body} or {custom_id, body}." };
        var route = new Option<string?>("--route") { Description = "A route of the configuration file; its first target's provider and model run the job." };
        var provider = new Option<string?>("--provider") { Description = "openai or anthropic." };
        var model = new Option<string?>("--model") { Description = "Model for every line (replaces each line's own)." };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Refuse the job if its worst-case cost at batch prices (replays included) exceeds this many USD." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Submit the valid lines even when some are invalid." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Most requests per provider batch, below the provider's own limit (smaller batches finish sooner)." };
        var fresh = new Option<bool>("--new") { Description = "Start a new job even if this input was submitted before with the same options." };
        var command = new Command("submit", "Validate, split and submit a JSONL file; prints the job id on the last line.")
        {
            input, route, provider, model, maxCost, skipInvalid, batchSize, fresh,
        };
        BatchCommonOptions.AddTo(command);
        command.SetAction((result, cancellationToken) => BatchCommand.RunAsync(context, result, session =>
            SubmitAsync(session, new Request(
                result.GetValue(input)!, result.GetValue(route), result.GetValue(provider), result.GetValue(model),
                result.GetValue(maxCost), result.GetValue(skipInvalid), result.GetValue(fresh), result.GetValue(batchSize)), cancellationToken)));
        return command;
    }

    private static async Task<int> SubmitAsync(BatchSession session, Request request, CancellationToken cancellationToken)
    {
        var output = session.Context.Out;
        if (!request.Input.Exists)
        {
            throw new BatchUserException($"input file not found: {request.Input.FullName}");
        }

        if (request.MaxCost is <= 0)
        {
            throw new BatchUserException($"--max-cost must be a positive number of USD (was {request.MaxCost.Value.ToString(CultureInfo.InvariantCulture)})");
        }

        var (providerName, model) = ResolveTarget(session, request);
        var provider = session.Provider(providerName);
        var runner = session.Runner(provider);
        var fingerprint = Fingerprint(request, providerName, model);
        if (!request.New && session.Store.FindByFingerprint(fingerprint) is { } existing)
        {
            await output.WriteLineAsync($"This input was already submitted as job {existing.Id}; continuing it (use --new for another job).");
            return await SubmitRecordedAsync(session, runner, existing.Id, cancellationToken);
        }

        var jobId = "bj_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var job = new BatchJob
        {
            Id = jobId,
            Provider = providerName,
            Fingerprint = fingerprint,
            Directory = Path.Combine(session.JobRoot, jobId),
            CreatedAt = DateTimeOffset.UtcNow,
            BatchSize = request.BatchSize,
        };
        var limits = request.BatchSize is { } size
            ? provider.Limits with { MaxRequests = size > 0 ? Math.Min(size, provider.Limits.MaxRequests) : throw new BatchUserException("--batch-size must be at least 1") }
            : provider.Limits;
        var target = new BatchTarget(providerName, limits, provider.Format, OpenAIChatCodec.Instance,
            provider.Format == BatchLineFormat.AnthropicBatch ? AnthropicMessagesCodec.Instance : null);
        var planner = new BatchPlanner(target, PriceBook.Default, ByteRatioTokenEstimator.Instance);
        BatchPlanResult plan;
        await using (var stream = new FileStream(request.Input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            plan = planner.Plan(stream, job, session.Store, new BatchPlanOptions
            {
                Model = model,
                SkipInvalid = request.SkipInvalid,
                MaxCostUsd = request.MaxCost,
                ModelProviders = ModelProviders(session),
            });
        }

        await ReportIssuesAsync(session.Context.Error, plan);
        if (!plan.Accepted)
        {
            return await RefuseAsync(session.Context.Error, plan, request);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Planned {plan.Job!.Lines} requests in {plan.Chunks.Count} {providerName} batches; worst-case cost at batch prices ${plan.EstimatedCostUsd:0.######}."));
        return await SubmitRecordedAsync(session, runner, jobId, cancellationToken);
    }

    private static async Task<int> SubmitRecordedAsync(BatchSession session, BatchJobRunner runner, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var status = await runner.SubmitAsync(jobId, cancellationToken);
            await session.Context.Out.WriteLineAsync($"Submitted {status.Chunks.Count(c => c.BatchId is not null)} of {status.Chunks.Count} batches.");
            await session.Context.Out.WriteLineAsync(jobId);
            return BatchExitCodes.Ok;
        }
        catch (BatchProviderException ex)
        {
            await session.Context.Error.WriteLineAsync($"error: {ex.Message}");
            await session.Context.Error.WriteLineAsync("The job is recorded: run the same command again to continue submitting it.");
            await session.Context.Out.WriteLineAsync(jobId);
            return BatchExitCodes.ProviderError;
        }
    }

    private static async Task ReportIssuesAsync(TextWriter error, BatchPlanResult plan)
    {
        foreach (var issue in plan.Issues)
        {
            await error.WriteLineAsync(issue.ToString());
        }

        if (plan.InvalidLines > plan.Issues.Count)
        {
            await error.WriteLineAsync($"… and {plan.InvalidLines - plan.Issues.Count} more invalid lines.");
        }
    }

    private static async Task<int> RefuseAsync(TextWriter error, BatchPlanResult plan, Request request)
    {
        if (plan.OverCostBound)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"error: the job could cost up to ${plan.EstimatedCostUsd:0.######} at batch prices, more than --max-cost ${request.MaxCost:0.######}; nothing was submitted."));
            return BatchExitCodes.OverCostBound;
        }

        await error.WriteLineAsync(plan.InvalidLines > 0
            ? $"error: {plan.InvalidLines} of {plan.Lines} lines are invalid; nothing was submitted (fix them, or pass --skip-invalid to submit the rest)."
            : "error: the input has no requests; nothing was submitted.");
        return BatchExitCodes.InvalidInput;
    }

    private static (string Provider, string? Model) ResolveTarget(BatchSession session, Request request)
    {
        if (request.Route is { } route)
        {
            var target = session.Configuration.GetSection($"Switchyard:Routes:{route}:Targets:0");
            var provider = target["Provider"];
            if (provider is null)
            {
                throw new BatchUserException($"route '{route}' is not in the configuration (give --config with Switchyard:Routes:{route}:Targets)");
            }

            return (NormalizeProvider(provider == "openai-responses" ? "openai" : provider), request.Model ?? target["Model"]);
        }

        return request.Provider is { } name
            ? (NormalizeProvider(name), request.Model)
            : throw new BatchUserException("give --provider openai|anthropic or --route NAME");
    }

    // The gateway's own map of models the naming conventions do not cover (configuration.md, Switchyard:Models), so
    // that a job refuses the same models the gateway would send elsewhere.
    private static Dictionary<string, string> ModelProviders(BatchSession session) =>
        session.Configuration.GetSection("Switchyard:Models").GetChildren()
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Key, c => c.Value!.ToLowerInvariant(), StringComparer.Ordinal);

    private static string NormalizeProvider(string name) => name.ToLowerInvariant() switch
    {
        "openai" => "openai",
        "anthropic" => "anthropic",
        _ => throw new BatchUserException($"unknown provider '{name}' (use openai or anthropic)"),
    };

    private static string Fingerprint(Request request, string provider, string? model)
    {
        var file = request.Input;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}|{provider}|{model}|{request.MaxCost}|{request.SkipInvalid}|{request.BatchSize}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record Request(FileInfo Input, string? Route, string? Provider, string? Model, decimal? MaxCost, bool SkipInvalid, bool New, int? BatchSize);
}
