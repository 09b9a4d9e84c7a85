using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>The facade: stocks at the top level, crypto and news opened on first use, one object for the process.</summary>
public sealed class AlpacaProxyTests
{
    [Fact]
    public async Task ConnectAsync_StocksOnlyStrategy_OpensTheStocksUpstreamOnly()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("stocks-only");

        var bars = await proxy.Bars("AAPL").TakeAsync(1);

        Assert.Equal("AAPL", Assert.Single(bars).Symbol);
        Assert.True(proxy.Stocks.IsOpen);
        Assert.False(proxy.Crypto.IsOpen);
        Assert.False(proxy.News.IsOpen);
        Assert.Null(proxy.Crypto.Router);
        var connection = Assert.Single(context.Simulator.Counters.Connections);
        Assert.EndsWith("/v2/iex", connection.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crypto_FirstRead_OpensItsUpstreamThenAndStreams()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("lazy-crypto");
        var trades = proxy.Crypto.Trades("BTC/USD");
        Assert.False(proxy.Crypto.IsOpen);

        var received = await trades.TakeAsync(2);

        Assert.All(received, t => Assert.Equal("BTC/USD", t.Symbol));
        Assert.True(proxy.Crypto.IsOpen);
        Assert.Equal(["/v2/iex", "/v1beta3/crypto/us"], context.Simulator.Counters.Connections.Select(c => c.Path));
    }

    [Fact]
    public async Task Crypto_ConcurrentFirstReads_OpenOneUpstream()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("crypto-race");

        var reads = Enumerable.Range(0, 4).Select(i => proxy.Crypto.Quotes(i % 2 == 0 ? "BTC/USD" : "ETH/USD").TakeAsync(1)).ToList();
        await Task.WhenAll(reads);

        Assert.Equal(1, context.Simulator.Counters.Connections.Count(c => c.Path.Contains("crypto", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Streams_AfterDispose_ThrowObjectDisposed()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("disposed"));
        await proxy.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => proxy.News.Articles().TakeAsync(1));
        Assert.False(proxy.Stocks.IsOpen);
    }

    [Fact]
    public async Task DisposeAsync_WhileCryptoWaitsOutA406_EndsTheOpenWithObjectDisposed()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("dispose-while-opening") with { RetryOnConnectionLimit = true });
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.FromMinutes(5));
        var opening = proxy.Crypto.OpenAsync();
        await context.WaitUntilAsync(c => c.ConnectionsSeen >= 3, "two refused crypto connects");
        Assert.False(opening.IsCompleted);

        // Disposing does not wait out the three-minute retry window.
        await proxy.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => opening.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(proxy.Crypto.IsOpen);
    }

    [Fact]
    public async Task Error_OnALazyStream_IsRaisedOnTheFacadeWithTheStreamAsSender()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("facade-events");
        var errors = new TaskCompletionSource<(object? Sender, StreamErrorEventArgs Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        proxy.Error += (sender, e) =>
        {
            if (ReferenceEquals(sender, proxy.Crypto))
            {
                errors.TrySetResult((sender, e));
            }
        };
        await proxy.Crypto.OpenAsync();

        // A message of a type no channel declares, on every connection: reported, counted, and the streams go on.
        context.Simulator.Faults.SendUnknownMessageType();
        var (sender, error) = await errors.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.IsType<AlpacaCryptoStream>(sender);
        Assert.Equal(StreamErrorKind.UnrecognizedMessage, error.Kind);
    }
}
