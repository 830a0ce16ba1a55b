using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Extensions.AI;

/// <summary>Registers the in-process engine with a host's services.</summary>
public static class SwitchyardServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="SwitchyardEngine"/> built from <paramref name="configuration"/> (its <c>Switchyard</c>
    /// section; validated when first resolved) and an <see cref="IChatClient"/> over it for <paramref name="options"/>'
    /// tenant. The container disposes the engine.
    /// </summary>
    public static IServiceCollection AddSwitchyardChatClient(this IServiceCollection services, IConfiguration configuration, SwitchyardChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(sp => SwitchyardEngine.Create(
            configuration,
            time: sp.GetService<TimeProvider>(),
            loggers: sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<SwitchyardEngine>().CreateChatClient(options));
        return services;
    }
}
