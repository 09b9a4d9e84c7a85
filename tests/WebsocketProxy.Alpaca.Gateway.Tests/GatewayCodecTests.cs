using System.Text.Json;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed class GatewayCodecTests
{
    private static string Type(JsonElement message) => message.GetProperty("T").GetString()!;

    [Fact]
    public async Task Deliver_JsonAndMessagePackClients_SameTradesEachInItsCodec()
    {
        await using var context = await GatewayContext.StartAsync();
        var json = await context.ConnectAuthenticatedAsync(messagePack: false);
        var pack = await context.ConnectAuthenticatedAsync();
        await json.SendAsync(new { action = "subscribe", trades = new[] { "MSFT" } });
        await pack.SendAsync(new { action = "subscribe", trades = new[] { "MSFT" } });
        await json.ExpectAsync("subscription");
        await pack.ExpectAsync("subscription");

        var jsonTrades = (await json.ReadUntilAsync(m => Type(m) == "t", count: 5)).Where(m => Type(m) == "t").ToList();
        var packTrades = (await pack.ReadUntilAsync(m => Type(m) == "t" && m.GetProperty("i").GetInt64() >= jsonTrades[^1].GetProperty("i").GetInt64())).Where(m => Type(m) == "t").ToList();

        Assert.All(json.Frames, f => Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Text, f.Type));
        Assert.All(pack.Frames, f => Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Binary, f.Type));
        var common = jsonTrades.Select(t => t.GetProperty("i").GetInt64()).Intersect(packTrades.Select(t => t.GetProperty("i").GetInt64())).ToList();
        Assert.NotEmpty(common);
        foreach (var id in common)
        {
            var fromJson = jsonTrades.Single(t => t.GetProperty("i").GetInt64() == id);
            var fromPack = packTrades.Single(t => t.GetProperty("i").GetInt64() == id);
            Assert.Equal(fromPack.GetProperty("p").GetDecimal(), fromJson.GetProperty("p").GetDecimal());
            Assert.Equal(fromPack.GetProperty("x").GetString(), fromJson.GetProperty("x").GetString());

            // Alpaca's JSON timestamp: RFC 3339 in UTC, as the transcoder writes it (no ext(-1) leftovers).
            var timestamp = fromJson.GetProperty("t").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$", timestamp);
        }
    }

    [Fact]
    public async Task Deliver_NewsBySymbol_OnlyArticlesNamingTheSymbol()
    {
        await using var context = await GatewayContext.StartAsync();
        var aapl = await context.ConnectAuthenticatedAsync("v1beta1/news", messagePack: false);
        var all = await context.ConnectAuthenticatedAsync("v1beta1/news");
        await aapl.SendAsync(new { action = "subscribe", news = new[] { "AAPL" } });
        await all.SendAsync(new { action = "subscribe", news = new[] { "*" } });
        var reply = await aapl.ExpectAsync("subscription");
        Assert.Equal(["AAPL"], reply.GetProperty("news").EnumerateArray().Select(e => e.GetString()));
        await all.ExpectAsync("subscription");

        var articles = await aapl.ReadUntilAsync(m => Type(m) == "n", count: 2);

        Assert.All(articles, a => Assert.Contains("AAPL", a.GetProperty("symbols").EnumerateArray().Select(e => e.GetString())));
        var everything = await all.ReadUntilAsync(m => Type(m) == "n" && !m.GetProperty("symbols").EnumerateArray().Any(e => e.GetString() == "AAPL"));
        Assert.NotEmpty(everything);
        Assert.Equal(1, context.Gateway.UpstreamCount);
    }
}
