using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// Alpaca's control flow through the real proxy and the simulator in both wire formats: the upgrade asks for
/// MessagePack, the proxy packs auth and (un)subscriptions, and its byte markers and the tracker read the replies.
/// </summary>
public sealed class WireFormatTests
{
    [Theory]
    [InlineData(AlpacaWireFormat.MessagePack)]
    [InlineData(AlpacaWireFormat.Json)]
    public async Task ConnectAsync_WrongSecret_Fatal402InEitherFormat(AlpacaWireFormat format)
    {
        await using var context = await IntegrationContext.StartAsync();
        var wrong = new AlpacaCredentials(context.Credentials.KeyId, "not-the-secret");

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => AlpacaProxy.ConnectAsync(wrong, context.Options("wrong") with { WireFormat = format }));

        Assert.Equal(AlpacaErrorCode.AuthFailed, error.Code);
        Assert.True(error.IsFatal);
        Assert.Equal("auth failed", error.ServerMessage);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
        var session = Assert.Single(context.Simulator.Counters.Connections);
        Assert.Equal(format == AlpacaWireFormat.MessagePack, session.IsMessagePack);
    }

    [Theory]
    [InlineData(AlpacaWireFormat.MessagePack)]
    [InlineData(AlpacaWireFormat.Json)]
    public async Task ConnectAsync_ConnectionLimit_Throws406InEitherFormat(AlpacaWireFormat format)
    {
        await using var context = await IntegrationContext.StartAsync();
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => AlpacaProxy.ConnectAsync(context.Credentials, context.Options("refused") with { WireFormat = format }));

        Assert.Equal(AlpacaErrorCode.ConnectionLimitExceeded, error.Code);
        Assert.Contains("outside this proxy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AlpacaWireFormat.MessagePack, 408)]
    [InlineData(AlpacaWireFormat.MessagePack, 409)]
    [InlineData(AlpacaWireFormat.MessagePack, 411)]
    [InlineData(AlpacaWireFormat.Json, 411)]
    public async Task ConnectAsync_FatalRefusal_ThatCodeAtOnceWithoutRetrying(AlpacaWireFormat format, int code)
    {
        await using var context = await IntegrationContext.StartAsync();
        context.Simulator.Faults.RefuseAuthentication(code, sessions: 10);

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => AlpacaProxy.ConnectAsync(context.Credentials, context.Options("refused") with { WireFormat = format }));

        Assert.Equal((AlpacaErrorCode)code, error.Code);
        Assert.True(error.IsFatal);
        Assert.Equal(1, context.Simulator.Counters.ConnectionsSeen);
    }

    [Theory]
    [InlineData(AlpacaWireFormat.MessagePack)]
    [InlineData(AlpacaWireFormat.Json)]
    public async Task SubscribeThenUnsubscribe_ThroughTheProxy_PackedOnTheWireAndConfirmedByTheReply(AlpacaWireFormat format)
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var opened = await OpenAsync(context, "sub", format);
        var (upstream, stocks) = (opened.Upstream, opened.Stocks);
        var tracker = Assert.IsType<AlpacaSubscriptionTracker>(upstream.Tracker);
        var bars = BarsChannel();

        var emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (await stocks.OpenAsync<StockBar>(bars, ["AAPL", "MSFT"]).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
        {
            tracker.StateChanged += state =>
            {
                if (state.Bars.IsEmpty)
                {
                    emptied.TrySetResult();
                }
            };

            var session = Assert.Single(context.Simulator.Counters.Connections);
            Assert.Equal(format == AlpacaWireFormat.MessagePack, session.IsMessagePack);
            Assert.Equal(["AAPL", "MSFT"], session.Subscriptions["bars"]);
            Assert.Contains("""{"action":"subscribe","bars":["AAPL","MSFT"]}""", session.ReceivedMessages);
            Assert.Equal(["AAPL", "MSFT"], tracker.KnownState!.Bars.ToArray());
        }

        await context.WaitUntilAsync(c => c.Connections[0].Subscriptions["bars"].Count == 0, "bars unsubscribed");
        Assert.Contains("""{"action":"unsubscribe","bars":["AAPL","MSFT"]}""", context.Received());
        // The server's reply to the unsubscribe reached the tracker, in either format.
        await emptied.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(AlpacaWireFormat.MessagePack)]
    [InlineData(AlpacaWireFormat.Json)]
    public async Task Subscribe_SymbolLimit_405FailsOnlyThatRequestInEitherFormat(AlpacaWireFormat format)
    {
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with { SymbolLimit = 1 });
        await using var opened = await OpenAsync(context, "limit", format);
        var stocks = opened.Stocks;
        var bars = BarsChannel();
        await using var first = await stocks.OpenAsync<StockBar>(bars, ["AAPL"]).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<StreamSubscriptionException>(() => stocks.OpenAsync<StockBar>(bars, ["MSFT"]).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(AlpacaErrorCode.SymbolLimitExceeded, Assert.IsType<AlpacaStreamException>(error.InnerException).Code);
        await context.WaitUntilAsync(c => c.Connections[0].Subscriptions["bars"].SequenceEqual(["AAPL"]), "AAPL alone subscribed");
    }

    private static int BarsChannel() => AlpacaStockStream.Protocol.Channels.ToList().FindIndex(c => c.TypeCode == "b");

    /// <summary>The typed layer's upstream and a router over it, the way a stocks stream opens them.</summary>
    private static async Task<Opened> OpenAsync(IntegrationContext context, string name, AlpacaWireFormat format)
    {
        var options = context.Options(name) with { WireFormat = format };
        var client = await WebsocketProxyClient.ConnectAsync(options.Proxy);
        var upstream = await AlpacaUpstream.OpenAsync(client, context.Credentials, options.ResolveUrl(AlpacaStreamKind.Stocks), options, CancellationToken.None);
        var stocks = StreamRouter.Acquire(upstream.Connection, AlpacaStockStream.Protocol, upstream.RouterOptions(StreamOptions.Default));
        await upstream.AttachAsync(stocks, "bars", CancellationToken.None);
        return new Opened(client, upstream, stocks);
    }

    private sealed record Opened(WebsocketProxyClient Client, AlpacaUpstream Upstream, StreamRouter Stocks) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stocks.DisposeAsync();
            await Upstream.DisposeAsync();
            await Client.DisposeAsync();
        }
    }
}
