using System.Net.WebSockets;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary>The trading stream and order API of the host process, and their faults over the control port.</summary>
public sealed class HostTradingTests
{
    private const string RestingOrder = """{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","limit_price":"1","time_in_force":"gtc"}""";

    [Fact]
    public async Task ControlPort_OrdersEventsRejectAndDropTrading_CountedInStatus()
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--control-port", "0");
        var pair = new AlpacaKeyPair(host.Printed["APCA-API-KEY-ID"], host.Printed["APCA-API-SECRET-KEY"]);
        await using var stream = await TradingStreamClient.ConnectListeningAsync(host.Feeds["Trading"], pair);
        using var api = new OrdersApi(new Uri(host.Printed["TRADING_API"]), pair);

        var placed = await api.PlaceOkAsync(RestingOrder);
        Assert.Equal("new", (await stream.ReceiveUpdateAsync()).GetProperty("event").GetString());
        Assert.Equal(200, (await host.FaultAsync("reject-orders?count=1")).Status);
        var rejected = await api.PlaceOkAsync(RestingOrder);
        Assert.Equal("rejected", (await stream.ReceiveUntilDoneAsync(rejected.GetProperty("id").GetString()!))[^1].GetProperty("event").GetString());

        var status = await host.StatusAsync();
        Assert.Equal(1, status.GetProperty("tradingConnections").GetInt32());
        Assert.Equal(2, status.GetProperty("ordersSubmitted").GetInt32());
        Assert.Equal(2, status.GetProperty("tradeUpdates").GetInt32());
        var (dropStatus, dropped) = await host.FaultAsync("drop-trading");
        Assert.Equal(200, dropStatus);
        Assert.Equal(1, dropped.GetProperty("connections").GetInt32());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => stream.ReceiveRawAsync());
        Assert.Equal(400, (await host.FaultAsync("reject-orders")).Status);
        Assert.Equal("accepted", placed.GetProperty("status").GetString());
    }
}
