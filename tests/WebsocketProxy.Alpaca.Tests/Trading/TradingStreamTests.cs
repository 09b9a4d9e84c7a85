using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Tests.Integration;
using WebsocketProxy.Alpaca.Trading;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Trading;

/// <summary>The typed trading stream through a real proxy, against a server speaking Alpaca's documented trading protocol.</summary>
public sealed class TradingStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OpenTradeUpdatesAsync_PaperBinaryFrames_AuthenticatesThenListensAndDelivers()
    {
        await using var server = await FakeTradingServer.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(server.Credentials, server.Options("binary"));

        await using var updates = await alpaca.Trading.OpenTradeUpdatesAsync();
        await server.SendUpdateAsync("fill", "momo-1");

        var update = await NextAsync(updates);
        Assert.Equal((TradeUpdateEvent.Fill, "momo-1", 10.5m), (update.Event, update.Order.ClientOrderId, update.Price));
        var received = server.Server.Received.ToArray();
        Assert.Equal(2, received.Length);
        Assert.Equal("{\"action\":\"authenticate\",\"data\":{\"key_id\":\"PKTEST\",\"secret_key\":\"" + server.Credentials.Secret + "\"}}", received[0]);
        Assert.Equal(FakeTradingServer.Listen, received[1]);
        Assert.Equal(0, alpaca.Trading.Router!.Statistics.MalformedFrames);
    }

    [Fact]
    public async Task TradeUpdates_PrefixFilters_EachStreamSeesOnlyItsOrdersOverOneListen()
    {
        await using var server = await FakeTradingServer.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(server.Credentials, server.Options("prefixes"));

        await using var momo = await alpaca.Trading.OpenTradeUpdatesAsync("momo-");
        await using var meanReversion = await alpaca.Trading.OpenTradeUpdatesAsync("mr-");
        await using var all = await alpaca.Trading.OpenTradeUpdatesAsync();
        await server.SendUpdateAsync("new", "momo-1");
        await server.SendUpdateAsync("new", "mr-1");
        await server.SendUpdateAsync("fill", "momo-1");
        await server.SendUpdateAsync("new", "manual");

        Assert.Equal(["momo-1", "momo-1"], (await TakeAsync(momo, 2)).Select(u => u.Order.ClientOrderId));
        Assert.Equal(["mr-1"], (await TakeAsync(meanReversion, 1)).Select(u => u.Order.ClientOrderId));
        Assert.Equal(["momo-1", "mr-1", "momo-1", "manual"], (await TakeAsync(all, 4)).Select(u => u.Order.ClientOrderId));
        // The unfiltered stream saw the last event, so the filtered ones were offered it too: nothing more is buffered there.
        Assert.Equal((0, 0), (momo.Pending, meanReversion.Pending));
        Assert.Equal(1, server.ListenCount);
        Assert.Equal(1, server.Server.AcceptedCount);
    }

    [Fact]
    public async Task TradeUpdates_FacadeEnumerable_YieldsTheAccountsEvents()
    {
        await using var server = await FakeTradingServer.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(server.Credentials, server.Options("facade"));
        using var cts = new CancellationTokenSource(Timeout);
        await using var enumerator = alpaca.TradeUpdates("momo-", cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        var next = enumerator.MoveNextAsync().AsTask();
        await server.Server.WaitForMessageAsync(FakeTradingServer.Listen);
        // Listening is confirmed right after the server's reply; events sent until then could be missed, so keep sending.
        while (!next.IsCompleted)
        {
            await server.SendUpdateAsync("new", "other-1");
            await server.SendUpdateAsync("fill", "momo-7");
            await Task.WhenAny(next, Task.Delay(100, cts.Token));
        }

        Assert.True(await next);
        Assert.Equal(("momo-7", TradeUpdateEvent.Fill), (enumerator.Current.Order.ClientOrderId, enumerator.Current.Event));
    }

    [Fact]
    public async Task ServerError_ErrorReply_IsReportedAndTheStreamGoesOn()
    {
        await using var server = await FakeTradingServer.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(server.Credentials, server.Options("error-reply"));
        var error = new TaskCompletionSource<AlpacaStreamException>(TaskCreationOptions.RunContinuationsAsynchronously);
        alpaca.ServerError += (_, e) => error.TrySetResult(e.Error);
        await using var updates = await alpaca.Trading.OpenTradeUpdatesAsync();

        await alpaca.Trading.Connection!.SendAsync("{\"action\":\"dance\"}"u8.ToArray());

        var reported = await error.Task.WaitAsync(Timeout);
        Assert.Equal((AlpacaErrorCode.InvalidSyntax, "unrecognized action"), (reported.Code, reported.ServerMessage));
        await server.SendUpdateAsync("fill", "after-error");
        Assert.Equal("after-error", (await NextAsync(updates)).Order.ClientOrderId);
        Assert.Equal(0, alpaca.Trading.Router!.Statistics.MalformedMessages);
    }

    [Fact]
    public async Task OpenTradeUpdatesAsync_WrongSecret_FailsWithAuthFailed()
    {
        await using var server = await FakeTradingServer.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(new AlpacaCredentials("PKTEST", "wrong"), server.Options("unauthorized"));

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => alpaca.Trading.OpenTradeUpdatesAsync());

        Assert.Equal(AlpacaErrorCode.AuthFailed, error.Code);
        Assert.Equal("access key verification failed", error.ServerMessage);
        Assert.DoesNotContain(server.Received(), m => m.Contains("listen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TradeUpdates_UpstreamDrops_ReportsGapAndListensAgainAfterAuthenticating()
    {
        await using var server = await FakeTradingServer.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(server.Credentials, server.Options("reconnect"));
        var gap = new TaskCompletionSource<StreamGapEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        alpaca.Gap += (_, e) =>
        {
            if (e.Reconnected)
            {
                gap.TrySetResult(e);
            }
        };
        await using var updates = await alpaca.Trading.OpenTradeUpdatesAsync("momo-");

        server.Server.DropAll();
        await gap.Task.WaitAsync(Timeout);
        // The gap is reported once the restored listen has been sent, but the fake may not have read it yet, and it sends
        // events to listening and non-listening connections alike: wait for the second listen, as Alpaca would.
        await server.Server.WaitForMessageAsync(FakeTradingServer.Listen);
        await server.Server.WaitForMessageAsync(FakeTradingServer.Listen);
        await server.SendUpdateAsync("fill", "momo-2");

        Assert.Equal("momo-2", (await NextAsync(updates)).Order.ClientOrderId);
        Assert.Equal(2, server.Server.AcceptedCount);
        Assert.Equal(2, server.ListenCount);
        var received = server.Server.Received.ToArray();
        Assert.StartsWith("""{"action":"authenticate""", received[2], StringComparison.Ordinal);
        Assert.Equal(FakeTradingServer.Listen, received[3]);
    }

    [Fact]
    public async Task TradeUpdates_TwoProcessesWithPrefixes_EachSeesOnlyItsOwnOverOneConnection()
    {
        await using var server = await FakeTradingServer.StartAsync();
        await using var first = Start(server, "a-");
        await first.WaitForLineAsync("LISTENING", Timeout);
        await using var second = Start(server, "b-");
        await second.WaitForLineAsync("LISTENING", Timeout);

        await server.SendUpdateAsync("new", "a-1");
        await server.SendUpdateAsync("new", "b-1");
        await server.SendUpdateAsync("fill", "b-1");
        await server.SendUpdateAsync("fill", "a-1");

        await first.WaitForLineAsync("DONE", Timeout);
        await second.WaitForLineAsync("DONE", Timeout);
        Assert.Equal(["UPDATE new a-1", "UPDATE fill a-1"], first.Seen.Where(l => l.StartsWith("UPDATE", StringComparison.Ordinal)));
        Assert.Equal(["UPDATE new b-1", "UPDATE fill b-1"], second.Seen.Where(l => l.StartsWith("UPDATE", StringComparison.Ordinal)));
        Assert.Contains("CONNECTED True", first.Seen);
        Assert.Contains("CONNECTED False", second.Seen);
        Assert.Equal(1, server.Server.AcceptedCount);
        Assert.Single(server.Received(), m => m.Contains("authenticate", StringComparison.Ordinal));
    }

    private static StrategyProcess Start(FakeTradingServer server, string prefix) => StrategyProcess.Start(new Dictionary<string, string>
    {
        ["instance"] = server.Instance,
        ["proxy"] = StrategyProcess.PathOf("ProxyPath"),
        ["base"] = "ws://127.0.0.1:1/",
        ["url"] = server.Server.Url.ToString(),
        ["key"] = server.Credentials.KeyId,
        ["secret"] = server.Credentials.Secret,
        ["symbol"] = "-",
        ["channel"] = "trade_updates",
        ["prefix"] = prefix,
        ["count"] = "2",
    });

    private static async Task<TradeUpdate> NextAsync(StreamSubscription<TradeUpdate> updates) => (await TakeAsync(updates, 1))[0];

    private static async Task<List<TradeUpdate>> TakeAsync(StreamSubscription<TradeUpdate> updates, int count)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var taken = new List<TradeUpdate>();
        while (taken.Count < count && await updates.WaitToReadAsync(cts.Token))
        {
            while (taken.Count < count && updates.TryRead(out var update))
            {
                taken.Add(update);
            }
        }

        return taken;
    }
}
