using Microsoft.Extensions.DependencyInjection;
using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator;

/// <summary>Registers a simulator instance for <see cref="SimulatorEndpoints.MapSimulator"/>.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers one simulator (singleton) with <paramref name="options"/>; time comes from a registered
    /// <see cref="TimeProvider"/>, else <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddSimulator(this IServiceCollection services, SimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new SimulatorRuntime(options ?? new SimulatorOptions(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
