using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WebsocketProxy.Alpaca.DependencyInjection;

/// <summary>Registers the process's one <see cref="AlpacaProxy"/> in a service collection.</summary>
public static class AlpacaServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="AlpacaProxy"/> with <see cref="AlpacaProxySettings"/> bound to
    /// <paramref name="configuration"/> (for example <c>builder.Configuration.GetSection("Alpaca")</c>). Nothing opens
    /// until a stream is first read; the container disposes the proxy (and its streams) when it is disposed.
    /// </summary>
    public static IServiceCollection AddAlpacaProxy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlpacaProxySettings>().Bind(configuration);
        return AddProxy(services);
    }

    /// <summary>Registers a singleton <see cref="AlpacaProxy"/> with settings set in code.</summary>
    public static IServiceCollection AddAlpacaProxy(this IServiceCollection services, Action<AlpacaProxySettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AlpacaProxySettings>().Configure(configure);
        return AddProxy(services);
    }

    private static IServiceCollection AddProxy(IServiceCollection services)
    {
        // The settings are read once, when the proxy is first resolved: one object per process, like HttpClient.
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<AlpacaProxySettings>>().Value;
            return AlpacaProxy.Create(settings.Credentials(), settings.ToOptions());
        });
        return services;
    }
}
