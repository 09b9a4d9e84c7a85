namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed class GatewayProtocolTests
{
    [Fact]
    public async Task Subscribe_MessagePackClient_GetsItsReplyThenOnlyItsTrades()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync();

        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });

        var reply = await client.ExpectAsync("subscription");
        Assert.Equal(["AAPL"], reply.GetProperty("trades").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["AAPL"], reply.GetProperty("corrections").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(reply.GetProperty("quotes").EnumerateArray());
        var read = await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t", count: 5);
        Assert.All(read, m =>
        {
            Assert.Contains(m.GetProperty("T").GetString(), new[] { "t", "c", "x" });
            Assert.Equal("AAPL", m.GetProperty("S").GetString());
        });
    }
}
