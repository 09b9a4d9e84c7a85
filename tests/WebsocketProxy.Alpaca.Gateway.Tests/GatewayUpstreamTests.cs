namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed class GatewayUpstreamTests
{
    [Fact]
    public async Task Upstream_Drops_ClientStaysConnectedAndDataResumes()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync();
        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await client.ExpectAsync("subscription");
        await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t");

        context.Simulator.Faults.DropAllConnections();
        await context.WaitUntilAsync(c => c.ConnectionsSeen == 2 && c.Connections[1].ReceivedMessages.Any(m => m.Contains("AAPL", StringComparison.Ordinal)), "the proxy reconnected and restored the subscription");

        // Trades of the new session reach the same client: it never saw the drop.
        await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t" && m.GetProperty("S").GetString() == "AAPL", count: 3);
        Assert.Null(client.CloseStatus);
        Assert.Equal(1, context.Gateway.ClientCount);
    }

    [Fact]
    public async Task Upstream_RefusedForGoodAfterDrop_ClientGetsAlpacasErrorAndIsClosed()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync(messagePack: false);
        await client.SendAsync(new { action = "subscribe", bars = new[] { "*" } });
        await client.ExpectAsync("subscription");

        // The key is revoked: every reconnect gets 402, which is fatal.
        context.Simulator.Faults.RefuseAuthentication(402, sessions: 100);
        context.Simulator.Faults.DropAllConnections();

        var error = await client.ExpectErrorAsync(402);
        Assert.Equal("auth failed", error.GetProperty("msg").GetString());
        await client.Closed.WaitAsync(RawClient.Timeout);
        Assert.NotNull(client.CloseStatus);
        Assert.Equal(0, context.Gateway.UpstreamCount);
    }
}
