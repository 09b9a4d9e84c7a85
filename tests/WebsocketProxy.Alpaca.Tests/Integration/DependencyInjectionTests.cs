using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WebsocketProxy.Alpaca.DependencyInjection;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>AddAlpacaStreams binds its settings from configuration and opens working streams.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddAlpacaStreams_FromConfiguration_FactoryOpensAStockStreamThatDelivers()
    {
        await using var context = await IntegrationContext.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alpaca:KeyId"] = context.Credentials.KeyId,
            ["Alpaca:Secret"] = context.Credentials.Secret,
            ["Alpaca:Feed"] = "Iex",
            ["Alpaca:BaseAddress"] = context.Simulator.BaseUri.ToString(),
            ["Alpaca:ProxyInstance"] = context.Instance,
            ["Alpaca:ProxyPath"] = StrategyProcess.PathOf("ProxyPath"),
            ["Alpaca:ProxyGracePeriod"] = "00:00:01",
            ["Alpaca:SubscribeTimeout"] = "00:00:15",
        }).Build();
        await using var services = new ServiceCollection().AddAlpacaStreams(configuration.GetSection("Alpaca")).BuildServiceProvider();

        await using var stocks = await services.GetRequiredService<IAlpacaStreamsFactory>().ConnectStocksAsync();
        var bars = await stocks.Bars("AAPL").TakeAsync(1);

        Assert.Equal("AAPL", Assert.Single(bars).Symbol);
        Assert.Equal(AlpacaFeed.Iex, stocks.Feed);
    }

    [Fact]
    public void AddAlpacaStreams_InCode_SettingsAreApplied()
    {
        using var services = new ServiceCollection()
            .AddAlpacaStreams(s =>
            {
                s.KeyId = "key";
                s.Secret = "secret";
                s.ProxyInstance = "strategies";
                s.ThrowOnGap = true;
                s.ConnectionLimitRetryWindow = TimeSpan.FromMinutes(5);
                s.KeepAliveInterval = TimeSpan.FromSeconds(4);
                s.KeepAliveTimeout = TimeSpan.FromSeconds(6);
                s.StaleDataTimeout = TimeSpan.FromSeconds(30);
                s.CryptoLocation = AlpacaCryptoLocation.Eu1;
            })
            .BuildServiceProvider();

        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AlpacaStreamsSettings>>().Value;
        var options = settings.ToOptions();

        Assert.Equal("key", settings.Credentials().KeyId);
        Assert.Equal("strategies", options.Proxy.Instance);
        Assert.True(options.Streams.ThrowOnGap);
        Assert.Equal(
            (TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(30)),
            (options.ConnectionLimitRetryWindow, options.KeepAliveInterval, options.KeepAliveTimeout, options.StaleDataTimeout));
        Assert.Equal(AlpacaCryptoLocation.Eu1, options.CryptoLocation);
        Assert.NotNull(services.GetRequiredService<IAlpacaStreamsFactory>());
    }
}
