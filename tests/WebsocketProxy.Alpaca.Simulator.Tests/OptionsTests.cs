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
        // A port below the kernel's ephemeral range, which no test's port-0 listener or outgoing connection can be
        // handed meanwhile; another listener may hold one, so a few are tried.
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { Port = port });
                Assert.Equal(port, sim.BaseUri.Port);
                return;
            }
            catch (IOException ex) when (attempt < 4 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Taken by something else on this machine: try another.
            }
        }
    }

    [Fact]
    public async Task StartAsync_PortTaken_FailsWithAddressInUse()
    {
        await using var first = await AlpacaMarketSimulator.StartAsync();
        var error = await Assert.ThrowsAnyAsync<IOException>(() => AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { Port = first.BaseUri.Port }));
        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
