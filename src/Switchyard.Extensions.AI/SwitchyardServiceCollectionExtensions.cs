using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Switchyard.Extensions.AI;

/// <summary>Registers the in-process engine with a host's services.</summary>
public static class SwitchyardServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="SwitchyardEngine"/> built from <paramref name="configuration"/> (its <c>Switchyard</c>
    /// section; validated when first resolved) and an <see cref="IChatClient"/> over it for <paramref name="options"/>'
    /// tenant. The container disposes the engine. One engine serves the process: when one is registered already (by
    /// <see cref="AddSwitchyardEmbeddingGenerator"/>, say), the client uses it and <paramref name="configuration"/> is not read again.
    /// </summary>
    public static IServiceCollection AddSwitchyardChatClient(this IServiceCollection services, IConfiguration configuration, SwitchyardChatClientOptions? options = null)
    {
        AddEngine(services, configuration);
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<SwitchyardEngine>().CreateChatClient(options));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="SwitchyardEngine"/> built from <paramref name="configuration"/>, unless one is registered
    /// already (as for <see cref="AddSwitchyardChatClient"/>), and an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// of strings over it for <paramref name="options"/>' tenant. The container disposes the engine.
    /// </summary>
    public static IServiceCollection AddSwitchyardEmbeddingGenerator(this IServiceCollection services, IConfiguration configuration, SwitchyardEmbeddingGeneratorOptions? options = null)
    {
        AddEngine(services, configuration);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<SwitchyardEngine>().CreateEmbeddingGenerator(options));
        return services;
    }

    private static void AddEngine(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(sp => SwitchyardEngine.Create(
            configuration,
            time: sp.GetService<TimeProvider>(),
            loggers: sp.GetService<ILoggerFactory>()));
    }
}
