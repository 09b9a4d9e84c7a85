using System.Net.WebSockets;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed class GatewaySlowClientTests
{
    [Fact]
    public async Task Deliver_QueueOverBound_Gets407ThenClosedWithReason()
    {
        // Any data frame is over a one-byte bound: the client is cut off at its first data, while it still reads.
        await using var context = await GatewayContext.StartAsync(gateway: o => o with { MaxQueuedBytes = 1 });
        var client = await context.ConnectAuthenticatedAsync(messagePack: false);

        await client.SendAsync(new { action = "subscribe", trades = new[] { "*" } });

        await client.ExpectAsync("subscription");
        var error = await client.ExpectErrorAsync(407);
        Assert.Equal("slow client", error.GetProperty("msg").GetString());
        await client.Closed.WaitAsync(RawClient.Timeout);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Contains("slow client", client.CloseReason, StringComparison.Ordinal);
        Assert.Equal(1, context.Gateway.SlowClientDisconnects);
    }

    [Fact]
    public async Task Deliver_ClientStopsReading_CutOffWhileOtherClientKeepsReceiving()
    {
        await using var context = await GatewayContext.StartAsync(
            simulator: o => o with { TradesPerSecond = 400, QuotesPerSecond = 400 },
            gateway: o => o with { MaxQueuedFrames = 50 });
        var reader = await context.ConnectAuthenticatedAsync();
        await reader.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await reader.ExpectAsync("subscription");

        await using var stalled = await StalledClient.ConnectAsync(
            context.Url("v2/iex"), context.Key, context.Secret, "{\"action\":\"subscribe\",\"trades\":[\"*\"],\"quotes\":[\"*\"],\"bars\":[\"*\"]}");

        // The reader keeps reading all along; the stalled one fills its socket, then its queue, and is cut off.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (context.Gateway.SlowClientDisconnects == 0)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await reader.NextAsync();
        }

        await reader.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t", count: 20);
        Assert.Equal(1, context.Gateway.SlowClientDisconnects);
        using var gone = new CancellationTokenSource(RawClient.Timeout);
        while (context.Gateway.ClientCount != 1)
        {
            await Task.Delay(20, gone.Token);
        }

        // One upstream connection all along, still holding the reader's subscription.
        Assert.Equal(1, context.Simulator.Counters.ConnectionsSeen);
    }
}
