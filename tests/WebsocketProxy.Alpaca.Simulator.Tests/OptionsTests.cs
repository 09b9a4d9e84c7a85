namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void KeyPair_ToString_HidesTheSecret()
    {
        var pair = new AlpacaKeyPair("PKID", "very-secret-value");
        Assert.Contains("PKID", pair.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", pair.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyPair_Feeds_NullMeansEveryFeed()
    {
        Assert.All(Enum.GetValues<AlpacaSimulatorFeed>(), feed => Assert.True(AlpacaKeyPair.Default.IsEntitledTo(feed)));
        var iexOnly = AlpacaKeyPair.Default with { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Iex } };
        Assert.True(iexOnly.IsEntitledTo(AlpacaSimulatorFeed.Iex));
        Assert.False(iexOnly.IsEntitledTo(AlpacaSimulatorFeed.Sip));
    }

    [Theory]
    [InlineData(-1, 10, 1)]
    [InlineData(0, 0, 1)]
    [InlineData(0, 10, 0)]
    public async Task StartAsync_InvalidOptions_ThrowsBeforeListening(int port, int newsSeconds, double timeScale)
    {
        var options = AlpacaSimulatorOptions.Default with { Port = port, NewsInterval = TimeSpan.FromSeconds(newsSeconds), TimeScale = timeScale };
        await Assert.ThrowsAnyAsync<ArgumentException>(() => AlpacaMarketSimulator.StartAsync(options));
    }

    [Fact]
    public async Task StartAsync_ChosenPort_ListensThere()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { Port = port });
        Assert.Equal(port, sim.BaseUri.Port);
    }

    [Fact]
    public async Task StartAsync_PortTaken_FailsWithAddressInUse()
    {
        await using var first = await AlpacaMarketSimulator.StartAsync();
        var error = await Assert.ThrowsAnyAsync<IOException>(() => AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { Port = first.BaseUri.Port }));
        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
