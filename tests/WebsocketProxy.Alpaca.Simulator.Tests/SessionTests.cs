using System.Net.WebSockets;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class SessionTests
{
    [Fact]
    public async Task Connect_AnyJsonStream_SendsConnectedFirst()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        // The options feeds refuse JSON (OptionFeedTests); they send "connected" first to MessagePack clients.
        foreach (var feed in Enum.GetValues<AlpacaSimulatorFeed>().Except([AlpacaSimulatorFeed.Indicative, AlpacaSimulatorFeed.Opra]))
        {
            await using var client = await RawClient.ConnectAsync(sim.GetUri(feed));
            var message = await client.ReceiveSingleAsync();
            Assert.Equal("success", message.Type());
            Assert.Equal("connected", message.GetProperty("msg").GetString());
        }
    }

    [Fact]
    public async Task StartAsync_Default_ListensOnLoopbackEphemeralPort()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        Assert.Equal("ws", sim.BaseUri.Scheme);
        Assert.Equal("127.0.0.1", sim.BaseUri.Host);
        Assert.NotEqual(0, sim.BaseUri.Port);
        Assert.Equal($"ws://127.0.0.1:{sim.BaseUri.Port}/v2/iex", sim.GetUri(AlpacaSimulatorFeed.Iex).ToString());
        Assert.Equal("/v1beta3/crypto/us", sim.GetUri(AlpacaSimulatorFeed.Crypto).AbsolutePath);
        Assert.Equal("/v1beta1/news", sim.GetUri(AlpacaSimulatorFeed.News).AbsolutePath);
    }

    [Fact]
    public async Task Auth_SentBeforeConnectedArrives_IsAnsweredAfterConnected()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Sip));
        await client.SendAsync(Messages.Auth(sim));
        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Auth_ByHeaders_AuthenticatesWithoutMessage()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), o =>
        {
            o.SetRequestHeader("APCA-API-KEY-ID", sim.Credentials.KeyId);
            o.SetRequestHeader("APCA-API-SECRET-KEY", sim.Credentials.Secret);
        });
        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.Equal(sim.Credentials.KeyId, Assert.Single(sim.Counters.Connections).KeyId);
    }

    [Fact]
    public async Task Auth_WrongHeaders_Error402AfterConnected()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), o =>
        {
            o.SetRequestHeader("APCA-API-KEY-ID", sim.Credentials.KeyId);
            o.SetRequestHeader("APCA-API-SECRET-KEY", "wrong");
        });
        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.True((await client.ReceiveSingleAsync()).IsError(402));
        await client.SendAsync(Messages.Auth(sim));
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Auth_ConfiguredKeyPairs_EachAccepted()
    {
        var second = new AlpacaKeyPair("PKSECOND", "second-secret");
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { KeyPairs = [AlpacaKeyPair.Default, second] });
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await client.ReceiveSingleAsync();
        await client.SendAsync("""{"action":"auth","key":"PKSECOND","secret":"second-secret"}""");
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.Equal("PKSECOND", Assert.Single(sim.Counters.Connections).KeyId);
    }

    [Fact]
    public async Task Auth_WrongSecret_Error402AndStaysUnauthenticated()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await client.ReceiveSingleAsync();
        await client.SendAsync($$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"wrong"}""");
        Assert.True((await client.ReceiveSingleAsync()).IsError(402));
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        var error = await client.ReceiveSingleAsync();
        Assert.True(error.IsError(401));
        Assert.Equal("not authenticated", error.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Auth_Twice_Error403()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync(Messages.Auth(sim));
        var error = await client.ReceiveSingleAsync();
        Assert.True(error.IsError(403));
        Assert.Equal("already authenticated", error.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Auth_NotSentInTime_Error404ThenClose()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { AuthTimeout = TimeSpan.FromMilliseconds(200) });
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await client.ReceiveSingleAsync();
        var seen = await client.ReceiveUntilClosedAsync();
        var error = Assert.Single(seen);
        Assert.True(error.IsError(404));
        Assert.Equal("auth timeout", error.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Auth_SecondConnectionSameKeySameStream_Error406AndClose()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var first = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await using var otherStream = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        await using var second = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await second.ReceiveSingleAsync();
        await second.SendAsync(Messages.Auth(sim));
        var error = Assert.Single(await second.ReceiveUntilClosedAsync());
        Assert.True(error.IsError(406));
        Assert.Equal("connection limit exceeded", error.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Auth_FeedNotEntitled_Error409AndClose()
    {
        var key = new AlpacaKeyPair("PKIEXONLY", "iex-secret") { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Iex } };
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { KeyPairs = [key] });
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Sip));
        await client.ReceiveSingleAsync();
        await client.SendAsync(Messages.Auth(sim));
        var error = Assert.Single(await client.ReceiveUntilClosedAsync());
        Assert.True(error.IsError(409));
        Assert.Equal("insufficient subscription", error.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData("""{"action":"auth","key":"a","secret":"b"}{"action":"subscribe","trades":["AAPL"]}""")]
    [InlineData("""not json""")]
    [InlineData("""{"action":"dance"}""")]
    [InlineData("""[{"action":"subscribe"}]""")]
    [InlineData("""{"action":"subscribe","trades":"AAPL"}""")]
    public async Task Message_Invalid_Error400AndSessionGoesOn(string text)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync(text);
        var error = await client.ReceiveSingleAsync();
        Assert.True(error.IsError(400));
        Assert.Equal("invalid syntax", error.GetProperty("msg").GetString());
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.Equal("subscription", (await client.ReceiveSingleAsync()).Type());
    }

    [Fact]
    public async Task Close_FromClient_HandshakeCompletes()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
        Assert.Equal(WebSocketState.Closed, client.Socket.State);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 0, cts.Token);
    }

    [Fact]
    public async Task Request_UnknownPath_Http404AndNoUpgrade()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        var error = await Assert.ThrowsAsync<WebSocketException>(() => RawClient.ConnectAsync(new Uri(sim.BaseUri, "/v2/nope")));
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }
}
