using System.Net.WebSockets;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class TradingStreamTests
{
    [Fact]
    public async Task Authenticate_KeyAndSecret_AuthorizedInABinaryFrame()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        await client.AuthenticateAsync(sim.Credentials);

        var reply = await client.ReceiveAsync();

        Assert.Equal(WebSocketMessageType.Binary, client.LastType);
        Assert.Equal("authorization", reply.GetProperty("stream").GetString());
        Assert.Equal("authorized", reply.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("authenticate", reply.GetProperty("data").GetProperty("action").GetString());
        var info = Assert.Single(sim.Counters.TradingConnections);
        Assert.Equal(sim.Credentials.KeyId, info.KeyId);
        Assert.DoesNotContain(sim.Credentials.Secret, string.Join("\n", info.ReceivedMessages), StringComparison.Ordinal);
        Assert.Equal($$$"""{"action":"authenticate","data":{"key_id":"{{{sim.Credentials.KeyId}}}","secret_key":"***"}}""", Assert.Single(info.ReceivedMessages));
    }

    [Fact]
    public async Task Authenticate_OlderAuthAction_Authorized()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        await client.SendAsync(Messages.Auth(sim));

        Assert.Equal("authorized", (await client.ReceiveAsync()).GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Authenticate_OAuthTokenOfAKey_AuthorizedAsThatAccount()
    {
        var pair = AlpacaKeyPair.Default;
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { OAuthTokens = [new AlpacaOAuthToken("oauth-token-0001", pair.KeyId)] });
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        await client.SendAsync("""{"action":"authenticate","data":{"oauth_token":"oauth-token-0001"}}""");

        Assert.Equal("authorized", (await client.ReceiveAsync()).GetProperty("data").GetProperty("status").GetString());
        var info = Assert.Single(sim.Counters.TradingConnections);
        Assert.Equal(pair.KeyId, info.KeyId);
        Assert.DoesNotContain("oauth-token-0001", Assert.Single(info.ReceivedMessages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_WrongSecret_UnauthorizedThenClosed()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        await client.AuthenticateAsync(sim.Credentials with { Secret = "wrong" });

        var reply = await client.ReceiveAsync();
        Assert.Equal("authorization", reply.GetProperty("stream").GetString());
        Assert.Equal("unauthorized", reply.GetProperty("data").GetProperty("status").GetString());
        await client.ReceiveRawAsync();
        Assert.Equal(WebSocketMessageType.Close, client.LastType);
    }

    [Fact]
    public async Task Listen_BeforeAuthenticating_UnauthorizedForListen()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        await client.SendAsync("""{"action":"listen","data":{"streams":["trade_updates"]}}""");

        var reply = await client.ReceiveAsync();
        Assert.Equal("authorization", reply.GetProperty("stream").GetString());
        Assert.Equal("unauthorized", reply.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("listen", reply.GetProperty("data").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Listen_UnknownStreamsAndEmptyList_LeftOutOfTheReply()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await TradingStreamClient.ConnectListeningAsync(sim);
        await client.SendAsync("""{"action":"listen","data":{"streams":["trade_updates","account_updates"]}}""");
        Assert.Equal(["trade_updates"], (await client.ReceiveAsync()).GetProperty("data").Strings("streams"));

        await client.SendAsync("""{"action":"listen","data":{"streams":[]}}""");
        Assert.Empty((await client.ReceiveAsync()).GetProperty("data").Strings("streams"));
        Assert.Empty(Assert.Single(sim.Counters.TradingConnections).Streams);
    }

    [Fact]
    public async Task Message_NotJson_ErrorReplyAndSessionGoesOn()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        await client.SendAsync("{nope");

        var error = await client.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("action").GetString());
        Assert.Equal("invalid syntax", error.GetProperty("data").GetProperty("error_message").GetString());
        await client.AuthenticateAsync(sim.Credentials);
        Assert.Equal("authorized", (await client.ReceiveAsync()).GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Handshake_AsksForMessagePack_RepliesAreMessagePackMaps()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/msgpack" };
        await using var client = await RawClient.ConnectWithHeadersAsync(sim.TradingStreamUri, headers);
        await client.SendAsync(Messages.Auth(sim));

        var (payload, type) = await client.ReceiveRawAsync();

        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(0x82, payload[0]); // a map of two entries: stream and data
        using var reply = JsonDocument.Parse(global::MessagePack.MessagePackSerializer.ConvertToJson(payload));
        Assert.Equal("authorized", reply.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.True(Assert.Single(sim.Counters.TradingConnections).IsMessagePack);
    }

    [Fact]
    public async Task DropAllConnections_TradingSessionsDroppedToo()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await TradingStreamClient.ConnectListeningAsync(sim);

        Assert.Equal(1, sim.Faults.DropAllConnections());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => client.ReceiveRawAsync());
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.TradingConnectionsCurrent == 0, cts.Token);
        Assert.Equal(1, sim.Counters.TradingConnectionsSeen);
        Assert.Equal(0, sim.Counters.ConnectionsSeen);
    }

    [Fact]
    public async Task RefuseTradingAuthentication_NextSessionUnauthorized_ThenAccepted()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        sim.Faults.RefuseTradingAuthentication(1);
        await using (var refused = await TradingStreamClient.ConnectAsync(sim))
        {
            await refused.AuthenticateAsync(sim.Credentials);
            Assert.Equal("unauthorized", (await refused.ReceiveAsync()).GetProperty("data").GetProperty("status").GetString());
        }

        await using var accepted = await TradingStreamClient.ConnectListeningAsync(sim);
    }

    [Fact]
    public async Task CloseAfterAuthentication_TradingSession_AuthorizedThenClosed()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        sim.Faults.CloseAfterAuthentication(1, TimeSpan.FromMilliseconds(50), abrupt: false);
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        await client.AuthenticateAsync(sim.Credentials);

        Assert.Equal("authorized", (await client.ReceiveAsync()).GetProperty("data").GetProperty("status").GetString());
        await client.ReceiveRawAsync();
        Assert.Equal(WebSocketMessageType.Close, client.LastType);
    }

    [Fact]
    public async Task AuthTimeout_NeverAuthenticated_UnauthorizedThenClosed()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(54));
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { TimeProvider = clock });
        await using var client = await TradingStreamClient.ConnectAsync(sim);
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.TradingConnectionsCurrent == 1, cts.Token);

        clock.Advance(sim.Options.AuthTimeout);

        var reply = await client.ReceiveAsync();
        Assert.Equal("unauthorized", reply.GetProperty("data").GetProperty("status").GetString());
        await client.ReceiveRawAsync();
        Assert.Equal(WebSocketMessageType.Close, client.LastType);
    }
}
