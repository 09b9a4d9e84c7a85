using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Errors;

/// <summary>
/// Error paths beside GatewayErrorTests and GatewaySharingTests: an error of upstream's that only the plan of the key
/// decides (409), and the one case where Alpaca must not answer an error although the request names channels the feed
/// lacks (null or empty lists, as the official Go SDK sends every channel key).
/// </summary>
public sealed class GatewayErrorPathTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Auth_FeedOutsideThePlan_Gets409()
    {
        var iexOnly = AlpacaKeyPair.Default with { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Iex } };
        await using var context = await GatewayContext.StartAsync(simulator: options => options with { KeyPairs = [iexOnly] });
        var client = await context.ConnectAsync("v2/sip");
        await client.ExpectAsync("success", "connected");

        await client.SendAsync(new { action = "auth", key = context.Key, secret = context.Secret });
        Assert.Equal("insufficient subscription", (await client.ExpectErrorAsync(409)).GetProperty("msg").GetString());
        await client.Closed.WaitAsync(Bound);

        // The same key on its own feed is fine.
        var iex = await context.ConnectAuthenticatedAsync("v2/iex");
        await iex.SendAsync(new { action = "subscribe", bars = new[] { "AAPL" } });
        await iex.ExpectAsync("subscription");
    }

    [Fact]
    public async Task Subscribe_NullAndEmptyListsOfChannelsTheFeedLacks_AreIgnoredAsTheGoSdkSendsThem()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync();

        // The Go SDK sends every channel key, unused ones null or empty, including ones the endpoint does not serve.
        await client.SendJsonAsync("""{"action":"subscribe","trades":["AAPL"],"quotes":[],"orderbooks":null,"news":null}""");
        var reply = await client.ExpectAsync("subscription");
        Assert.Equal(["AAPL"], reply.GetProperty("trades").EnumerateArray().Select(e => e.GetString()));
        Assert.False(reply.TryGetProperty("orderbooks", out _), reply.ToString());
    }
}
