using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WebsocketProxy.Alpaca.DependencyInjection;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>AddAlpacaProxy binds its settings from configuration and registers the process's one proxy, opened on first use.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddAlpacaProxy_FromConfiguration_OneProxyThatOpensOnFirstReadAndDelivers()
    {
        await using var context = await IntegrationContext.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alpaca:KeyId"] = context.Credentials.KeyId,
            ["Alpaca:Secret"] = context.Credentials.Secret,
            ["Alpaca:Feed"] = "Iex",
            ["Alpaca:WireFormat"] = IntegrationContext.WireFormat.ToString(),
            ["Alpaca:BaseAddress"] = context.Simulator.BaseUri.ToString(),
            ["Alpaca:ProxyInstance"] = context.Instance,
            ["Alpaca:ProxyPath"] = StrategyProcess.PathOf("ProxyPath"),
            ["Alpaca:ProxyGracePeriod"] = "00:00:01",
            ["Alpaca:SubscribeTimeout"] = "00:00:15",
        }).Build();
        await using var services = new ServiceCollection().AddAlpacaProxy(configuration.GetSection("Alpaca")).BuildServiceProvider();

        var proxy = services.GetRequiredService<AlpacaProxy>();
        Assert.Same(proxy, services.GetRequiredService<AlpacaProxy>());
        Assert.False(proxy.Stocks.IsOpen);
        var bars = await proxy.Bars("AAPL").TakeAsync(1);

        Assert.Equal("AAPL", Assert.Single(bars).Symbol);
        Assert.True(proxy.Stocks.IsOpen);
        Assert.False(proxy.Crypto.IsOpen);
        Assert.Equal(AlpacaFeed.Iex, proxy.Stocks.Feed);
    }

    [Fact]
    public async Task AddAlpacaProxy_InCode_SettingsAreApplied()
    {
        await using var services = new ServiceCollection()
            .AddAlpacaProxy(s =>
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
                s.Feed = AlpacaFeed.Sip;
            })
            .BuildServiceProvider();

        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AlpacaProxySettings>>().Value;
        var options = settings.ToOptions();

        Assert.Equal("key", settings.Credentials().KeyId);
        Assert.Equal("strategies", options.Proxy.Instance);
        Assert.True(options.Streams.ThrowOnGap);
        Assert.Equal(
            (TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(30)),
            (options.ConnectionLimitRetryWindow, options.KeepAliveInterval, options.KeepAliveTimeout, options.StaleDataTimeout));
        Assert.Equal(AlpacaCryptoLocation.Eu1, options.CryptoLocation);
        Assert.Equal(AlpacaFeed.Sip, options.Feed);
        Assert.Equal(options, services.GetRequiredService<AlpacaProxy>().Settings);
    }
}
