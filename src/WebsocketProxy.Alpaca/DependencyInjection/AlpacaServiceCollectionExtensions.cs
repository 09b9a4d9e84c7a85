using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebsocketProxy.Alpaca.DependencyInjection;

/// <summary>Registers the typed Alpaca streams in a service collection.</summary>
public static class AlpacaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAlpacaStreamsFactory"/> with <see cref="AlpacaStreamsSettings"/> bound to
    /// <paramref name="configuration"/> (for example <c>builder.Configuration.GetSection("Alpaca")</c>).
    /// </summary>
    public static IServiceCollection AddAlpacaStreams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlpacaStreamsSettings>().Bind(configuration);
        services.TryAddSingleton<IAlpacaStreamsFactory, AlpacaStreamsFactory>();
        return services;
    }

    /// <summary>Registers <see cref="IAlpacaStreamsFactory"/> with settings set in code.</summary>
    public static IServiceCollection AddAlpacaStreams(this IServiceCollection services, Action<AlpacaStreamsSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AlpacaStreamsSettings>().Configure(configure);
        services.TryAddSingleton<IAlpacaStreamsFactory, AlpacaStreamsFactory>();
        return services;
    }
}
