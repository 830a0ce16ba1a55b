using System.Diagnostics;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Gateway;

/// <summary>
/// The engine's traces (activity source <c>Switchyard.Gateway</c>): one internal span per request (<c>chat {model}</c>,
/// or <c>embeddings {model}</c>)
/// and one client span per upstream attempt beneath it, with GenAI semantic-convention attributes. Without a listener
/// <see cref="ActivitySource.HasListeners"/> is false and nothing is allocated. Spans never carry prompt or answer
/// content, keys, or key names.
/// </summary>
public static class GatewayTelemetry
{
    /// <summary>The activity source name, for OpenTelemetry / ActivityListener subscriptions.</summary>
    public const string ActivitySourceName = "Switchyard.Gateway";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>Starts the span of one request; null when nobody listens (or the sampler drops it).</summary>
    internal static Activity? StartRequest(GatewayRequest request)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(request.OperationName + " " + request.Request.Model, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", request.OperationName);
            activity.SetTag("gen_ai.request.model", request.Request.Model);
            activity.SetTag("switchyard.tenant", request.Tenant);
            activity.SetTag("switchyard.stream", request.Request.Stream);
            activity.SetTag("switchyard.front_door", request.FrontDoor.Format.ToString());
        }

        return activity;
    }

    /// <summary>Ends a request span with its outcome.</summary>
    internal static void EndRequest(Activity? activity, string route, ForwardOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("switchyard.route", route);
            activity.SetTag("switchyard.attempts", outcome.Attempts.Count);
            activity.SetTag("switchyard.outcome", outcome.Failure?.Kind.ToString() ?? "ok");
            if (outcome.ServedBy is { } served)
            {
                activity.SetTag("gen_ai.provider.name", served.Provider);
                activity.SetTag("gen_ai.response.model", served.Model);
                activity.SetTag("switchyard.continuations", outcome.Continuations);
            }

            SetUsage(activity, outcome.Usage);
            if (outcome.CostUsd > 0)
            {
                activity.SetTag("switchyard.cost_usd", (double)outcome.CostUsd);
            }
        }

        SetFailure(activity, outcome.Failure);
        activity.Stop();
    }

    /// <summary>Starts the client span of one upstream attempt (a child of the current request span).</summary>
    internal static Activity? StartAttempt(Attempts.AttemptContext context)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(context.Request.OperationName + " " + context.Target.Model, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", context.Request.OperationName);
            activity.SetTag("gen_ai.provider.name", context.Target.Provider);
            activity.SetTag("gen_ai.request.model", context.Target.Model);
            activity.SetTag("switchyard.hedge", context.Hedge);
            activity.SetTag("switchyard.continuation", context.Continuation is not null);
        }

        return activity;
    }

    /// <summary>Ends an attempt span: <paramref name="failure"/> null means it answered (or was cancelled when <paramref name="cancelled"/>).</summary>
    internal static void EndAttempt(Activity activity, Failure? failure, bool cancelled, string? responseModel, string? providerRequestId, TokenUsage? usage)
    {
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("switchyard.outcome", failure?.Kind.ToString() ?? (cancelled ? "cancelled" : "ok"));
            activity.SetTag("gen_ai.response.model", responseModel);
            activity.SetTag("switchyard.provider_request_id", providerRequestId);
            if (failure?.ProviderStatus is { } status)
            {
                activity.SetTag("http.response.status_code", status);
            }

            SetUsage(activity, usage);
        }

        SetFailure(activity, failure);
        activity.Stop();
    }

    private static void SetUsage(Activity activity, TokenUsage? usage)
    {
        if (usage is { } u)
        {
            activity.SetTag("gen_ai.usage.input_tokens", u.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", u.OutputTokens);
            // Parts of the input tokens (GenAI semantic conventions), only when the provider's cache was used.
            if (u.CachedInputTokens > 0)
            {
                activity.SetTag("gen_ai.usage.cache_read.input_tokens", u.CachedInputTokens);
            }

            if (u.CacheWriteTokens > 0)
            {
                activity.SetTag("gen_ai.usage.cache_creation.input_tokens", u.CacheWriteTokens);
            }
        }
    }

    private static void SetFailure(Activity activity, Failure? failure)
    {
        if (failure is not null)
        {
            // The kind only: failure messages may quote provider error text, never needed to find the span.
            activity.SetTag("error.type", failure.Kind.ToString());
            activity.SetStatus(ActivityStatusCode.Error, failure.Kind.ToString());
        }
    }
}
