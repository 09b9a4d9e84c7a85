using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed class GatewayErrorTests
{
    private static string[] Names(JsonElement reply, string channel) => [.. reply.GetProperty(channel).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Subscribe_BeforeAuth_Gets401AndStaysOpen()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync();
        await client.ExpectAsync("success", "connected");

        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });

        var error = await client.ExpectErrorAsync(401);
        Assert.Equal("not authenticated", error.GetProperty("msg").GetString());
        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await client.ExpectErrorAsync(401);
        Assert.Equal(0, context.Simulator.Counters.ConnectionsSeen);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"action\":\"auth\",\"key\":\"k\"}")]
    [InlineData("{\"action\":\"dance\"}")]
    [InlineData("[{\"action\":\"auth\",\"key\":\"k\",\"secret\":\"s\"}]")]
    [InlineData("{\"action\":\"auth\",\"key\":\"k\",\"secret\":\"s\"}{\"action\":\"auth\",\"key\":\"k\",\"secret\":\"s\"}")]
    public async Task Send_InvalidMessage_Gets400AndStaysOpen(string text)
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync(messagePack: false);
        await client.ExpectAsync("success", "connected");

        await client.SendRawAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

        var error = await client.ExpectErrorAsync(400);
        Assert.Equal("invalid syntax", error.GetProperty("msg").GetString());
        Assert.Equal(WebSocketMessageType.Text, client.Frames[^1].Type);
        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await client.ExpectErrorAsync(401);
    }

    [Fact]
    public async Task Send_MalformedMessagePack_Gets400InMessagePack()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync();
        await client.ExpectAsync("success", "connected");

        await client.SendRawAsync([0x82, 0xa6, 0x61, 0x63], WebSocketMessageType.Binary);

        await client.ExpectErrorAsync(400);
        Assert.Equal(WebSocketMessageType.Binary, client.Frames[^1].Type);
    }

    [Fact]
    public async Task Send_MessageOverLimit_Gets400AndClosedAsTooBig()
    {
        await using var context = await GatewayContext.StartAsync(gateway: o => o with { MaxClientMessageBytes = 1024 });
        var client = await context.ConnectAsync(messagePack: false);
        await client.ExpectAsync("success", "connected");

        await client.SendJsonAsync(JsonSerializer.Serialize(new { action = "subscribe", trades = Enumerable.Range(0, 400).Select(i => $"S{i}").ToArray() }));

        await client.ExpectErrorAsync(400);
        await client.Closed.WaitAsync(RawClient.Timeout);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
    }

    [Fact]
    public async Task Auth_NoneWithinTimeout_Gets404AndClosed()
    {
        await using var context = await GatewayContext.StartAsync(gateway: o => o with { AuthTimeout = TimeSpan.FromMilliseconds(300) });
        var client = await context.ConnectAsync();
        await client.ExpectAsync("success", "connected");

        var error = await client.ExpectErrorAsync(404);

        Assert.Equal("auth timeout", error.GetProperty("msg").GetString());
        await client.Closed.WaitAsync(RawClient.Timeout);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal(0, context.Simulator.Counters.ConnectionsSeen);
    }

    [Fact]
    public async Task Connect_OptionsInJson_Gets412AndClosed()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync("v1beta1/indicative", messagePack: false);

        var error = await client.ExpectErrorAsync(412);

        Assert.Equal("option messages are only available in MsgPack format", error.GetProperty("msg").GetString());
        await client.Closed.WaitAsync(RawClient.Timeout);
        Assert.NotEqual(WebSocketMessageType.Binary, client.Frames[0].Type);
    }

    [Fact]
    public async Task Requests_AfterAuth_403And410And413And400EachAnsweredAndClientStaysUsable()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync("v1beta1/indicative");

        await client.SendAsync(new { action = "auth", key = context.Key, secret = context.Secret });
        await client.ExpectErrorAsync(403);
        await client.SendAsync(new { action = "subscribe", bars = new[] { "AAPL" } });
        Assert.Equal("invalid subscribe action for this feed", (await client.ExpectErrorAsync(410)).GetProperty("msg").GetString());
        await client.SendAsync(new { action = "subscribe", quotes = new[] { "*" } });
        await client.ExpectErrorAsync(413);
        await client.SendAsync(new { action = "subscribe", trades = new[] { "bad symbol!" } });
        await client.ExpectErrorAsync(400);

        // Null and empty lists ask for nothing, as the Go SDK sends them; trades "*" is allowed on options.
        await client.SendJsonAsync("{\"action\":\"subscribe\",\"trades\":[\"*\"],\"quotes\":[],\"bars\":null}");

        var reply = await client.ExpectAsync("subscription");
        Assert.Equal(["*"], Names(reply, "trades"));
        Assert.Empty(Names(reply, "quotes"));
        Assert.False(reply.TryGetProperty("bars", out _));
        var trade = (await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t"))[^1];
        Assert.True(trade.GetProperty("S").GetString()!.Length > 10, trade.ToString());
    }

    [Fact]
    public async Task Subscribe_OverUpstreamSymbolLimit_RequesterGets405AndSetUnchangedOthersUnaffected()
    {
        await using var context = await GatewayContext.StartAsync(simulator: o => o with { SymbolLimit = 2 });
        var other = await context.ConnectAuthenticatedAsync();
        await other.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await other.ExpectAsync("subscription");
        var client = await context.ConnectAuthenticatedAsync(messagePack: false);

        await client.SendAsync(new { action = "subscribe", quotes = new[] { "MSFT", "NVDA" } });

        var error = await client.ExpectErrorAsync(405);
        Assert.Equal("symbol limit exceeded", error.GetProperty("msg").GetString());
        await client.SendAsync(new { action = "subscribe", quotes = new[] { "MSFT" } });
        var reply = await client.ExpectAsync("subscription");
        Assert.Equal(["MSFT"], Names(reply, "quotes"));
        var read = await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "q", count: 2);
        Assert.All(read, m => Assert.Equal("MSFT", m.GetProperty("S").GetString()));
        await other.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t", count: 2);
        Assert.Equal(1, context.Simulator.Counters.ConnectionsSeen);
    }

    [Fact]
    public async Task Http_UnknownPathOrPlainRequest_GetsHttpErrorNamingThePaths()
    {
        await using var context = await GatewayContext.StartAsync();
        using var http = new HttpClient();
        var httpBase = new Uri($"http://127.0.0.1:{context.Gateway.Uri.Port}/");

        using var unknown = await http.GetAsync(new Uri(httpBase, "v3/nothing"));
        using var plain = await http.GetAsync(new Uri(httpBase, "v2/iex"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("/v2/iex", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }
}
