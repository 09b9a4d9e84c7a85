using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

/// <summary>
/// The root path <c>/</c>, where the C# SDK's <c>WithProxyForAlpacaDataStreamingClient()</c> connects by default
/// (<c>ws://127.0.0.1:8765</c>, no path), serves the stocks feed of <see cref="AlpacaGatewayOptions.RootFeed"/>.
/// </summary>
public sealed class GatewayRootPathTests
{
    private static string Type(JsonElement message) => message.GetProperty("T").GetString()!;

    [Fact]
    public async Task Subscribe_RootPathByDefault_IsTheIexStreamAndSharesItsUpstream()
    {
        await using var context = await GatewayContext.StartAsync();
        var root = await context.ConnectAuthenticatedAsync(path: "", messagePack: false);
        var iex = await context.ConnectAuthenticatedAsync(path: "v2/iex");

        await root.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        var reply = await root.ExpectAsync("subscription");
        await iex.SendAsync(new { action = "subscribe", quotes = new[] { "MSFT" } });
        await iex.ExpectAsync("subscription");

        Assert.Equal(["AAPL"], reply.GetProperty("trades").EnumerateArray().Select(e => e.GetString()));
        var trades = await root.ReadUntilAsync(m => Type(m) == "t", count: 2);
        Assert.All(trades, m => Assert.True(Type(m) is "t" or "c" or "x" && m.GetProperty("S").GetString() == "AAPL", m.ToString()));
        await iex.ReadUntilAsync(m => Type(m) == "q", count: 1);
        var upstream = Assert.Single(context.Simulator.Counters.Connections);
        Assert.Equal(AlpacaSimulatorFeed.Iex, upstream.Feed);
        Assert.Equal(1, context.Gateway.UpstreamCount);
    }

    [Fact]
    public async Task Subscribe_RootPathWithRootFeedSip_IsTheSipStream()
    {
        await using var context = await GatewayContext.StartAsync(gateway: options => options with { RootFeed = AlpacaFeed.Sip });
        var root = await context.ConnectAuthenticatedAsync(path: "");

        await root.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await root.ExpectAsync("subscription");

        await root.ReadUntilAsync(m => Type(m) == "t", count: 1);
        var upstream = Assert.Single(context.Simulator.Counters.Connections);
        Assert.Equal(AlpacaSimulatorFeed.Sip, upstream.Feed);
    }

    [Fact]
    public async Task StartAsync_RootFeedNotAFeed_Throws()
    {
        var options = AlpacaGatewayOptions.Default with { Port = 0, RootFeed = (AlpacaFeed)99 };

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AlpacaGateway.StartAsync(options));

        Assert.Equal("feed", error.ParamName);
    }
}
