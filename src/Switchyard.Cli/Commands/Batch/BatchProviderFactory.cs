using Microsoft.Extensions.Configuration;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic.Batches;
using Switchyard.Providers.OpenAI.Batches;

namespace Switchyard.Cli.Commands.Batch;

/// <summary>
/// Builds a provider's batch client the way <c>serve</c> finds providers: the key from <c>OPENAI_API_KEY</c> /
/// <c>ANTHROPIC_API_KEY</c>; the base URL from <c>--base-url</c>, else <c>OPENAI_BASE_URL</c> /
/// <c>ANTHROPIC_BASE_URL</c>, else <c>Switchyard:Providers:&lt;name&gt;:BaseUrl</c> in the configuration file, else the
/// public API.
/// </summary>
internal static class BatchProviderFactory
{
    public static IBatchProvider Create(string provider, string? baseUrl, IConfiguration configuration, BatchCliContext context, HttpClient http)
    {
        var (section, envPrefix, defaultUrl) = provider switch
        {
            "openai" => ("OpenAI", "OPENAI", "https://api.openai.com"),
            "anthropic" => ("Anthropic", "ANTHROPIC", "https://api.anthropic.com"),
            _ => throw new BatchUserException($"unknown provider '{provider}' (use openai or anthropic)"),
        };
        var key = context.Environment($"{envPrefix}_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new BatchUserException($"{envPrefix}_API_KEY is not set: the {provider} batch API needs a key");
        }

        var url = baseUrl ?? context.Environment($"{envPrefix}_BASE_URL") ?? configuration[$"Switchyard:Providers:{section}:BaseUrl"] ?? defaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new BatchUserException($"the {provider} base URL '{url}' is not an http(s) URL");
        }

        var endpoint = new ProviderEndpoint(WithoutV1(uri), key);
        return provider == "openai" ? new OpenAIBatchProvider(http, endpoint) : new AnthropicBatchProvider(http, endpoint);
    }

    // SDK-style base URLs end in /v1; the providers add /v1 themselves.
    private static Uri WithoutV1(Uri uri)
    {
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1", StringComparison.Ordinal))
        {
            path = path[..^3];
        }

        return new UriBuilder(uri) { Path = path + "/" }.Uri;
    }
}
