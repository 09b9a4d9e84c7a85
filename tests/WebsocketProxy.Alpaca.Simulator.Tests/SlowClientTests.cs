using System.Net.WebSockets;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class SlowClientTests
{
    [Fact]
    public async Task ClientStopsReading_Error407AndDisconnect_OtherClientsUnaffected()
    {
        var options = AlpacaSimulatorOptions.Default with
        {
            TradesPerSecond = 1000,
            QuotesPerSecond = 1000,
            SlowClientBufferLimit = 512 * 1024,
            ConnectionsPerKey = 2,
        };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        var symbols = string.Join(',', Enumerable.Range(0, 20).Select(i => $"\"SYM{i}\""));
        var subscribe = $$"""{"action":"subscribe","trades":[{{symbols}}],"quotes":[{{symbols}}]}""";
        // A small fixed receive buffer, so the backlog builds up in the server, not in the kernel.
        var headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = sim.Credentials.KeyId, ["APCA-API-SECRET-KEY"] = sim.Credentials.Secret };
        await using var slow = await RawClient.ConnectWithHeadersAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), headers, receiveBufferSize: 8192);
        await slow.ReceiveSingleAsync();
        await slow.ReceiveSingleAsync();
        await using var fast = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await slow.SendAsync(subscribe);
        await slow.ReceiveSingleAsync();
        // The other client takes a trickle, so only the slow client's backlog can reach the limit.
        await fast.SendAsync("""{"action":"subscribe","trades":["SYM0"]}""");
        await fast.ReceiveSingleAsync();

        // The fast client reads (frames, unparsed) all along; the slow one reads nothing until the server gives up on it.
        using var stop = new CancellationTokenSource();
        var fastReceived = 0L;
        var fastReader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await fast.ReceiveRawAsync();
                Interlocked.Increment(ref fastReceived);
            }
        });

        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.SlowClientDisconnects >= 1, cts.Token);
        var received = Interlocked.Read(ref fastReceived);
        await sim.Counters.WaitUntilAsync(_ => Interlocked.Read(ref fastReceived) > received + 10, cts.Token);
        Assert.Equal(1, sim.Counters.SlowClientDisconnects);

        var slowMessages = await slow.ReceiveUntilClosedAsync();
        Assert.DoesNotContain(slowMessages, m => m.Type() == "error" && !m.IsError(407));
        Assert.NotEqual(WebSocketState.Open, slow.Socket.State);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 1, cts.Token);
        Assert.True(sim.Counters.Connections.Single(c => c.IsOpen).IsAuthenticated);
        Assert.False(fastReader.IsCompleted);
        await stop.CancelAsync();
    }
}
