using System.Net;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary><c>GET /v2/events/trades</c>: trade updates as server-sent events, as the official Go SDK streams them.</summary>
public sealed class TradeEventsTests
{
    private const string RestingOrder = """{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","limit_price":"1","time_in_force":"gtc"}""";

    [Fact]
    public async Task TradeEvents_Open_EachUpdateArrivesAsADataLineWithAtAndEventId()
    {
        await using var market = await FakeMarket.StartAsync();
        using var api = new OrdersApi(market.Sim);
        using var response = await api.Http.GetAsync("/v2/events/trades", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var id = (await api.PlaceOkAsync(RestingOrder)).GetProperty("id").GetString();
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var update = await ReadEventAsync(reader);

        Assert.Equal("new", update.GetProperty("event").GetString());
        Assert.Equal(id, update.GetProperty("order").GetProperty("id").GetString());
        Assert.Equal(26, update.GetProperty("event_id").GetString()!.Length);
        Assert.Equal(update.GetProperty("timestamp").GetString(), update.GetProperty("at").GetString());
    }

    [Fact]
    public async Task TradeEvents_SinceAndUntilInThePast_ReplaysTheWindowThenEnds()
    {
        await using var market = await FakeMarket.StartAsync();
        using var api = new OrdersApi(market.Sim);
        var id = (await api.PlaceOkAsync(RestingOrder)).GetProperty("id").GetString();
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        await api.DeleteAsync($"/v2/orders/{id}");
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));

        using var cts = new CancellationTokenSource(RawClient.Timeout);
        var text = await api.Http.GetStringAsync("/v2/events/trades?since=2024-05-01T13:00:00Z&until=2024-05-01T13:30:01.5Z", cts.Token);

        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("event").GetString());
        Assert.Equal(["new", "canceled"], events);
    }

    [Fact]
    public async Task TradeEvents_OtherAccount_SeesNone()
    {
        var other = new AlpacaKeyPair("PKSSEOTHER", "sse-other-secret");
        await using var market = await FakeMarket.StartAsync(o => o with { KeyPairs = [AlpacaKeyPair.Default, other] });
        using var api = new OrdersApi(market.Sim);
        using var otherApi = new OrdersApi(market.Sim, other);
        await api.PlaceOkAsync(RestingOrder);
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));

        using var cts = new CancellationTokenSource(RawClient.Timeout);
        var text = await otherApi.Http.GetStringAsync("/v2/events/trades?until=2024-05-01T13:30:01Z", cts.Token);

        Assert.Equal(string.Empty, text);
    }

    [Fact]
    public async Task DisposeAsync_WithAnOpenEventStream_EndsIt()
    {
        var market = await FakeMarket.StartAsync();
        using var api = new OrdersApi(market.Sim);
        using var response = await api.Http.GetAsync("/v2/events/trades", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await market.DisposeAsync();

        using var cts = new CancellationTokenSource(RawClient.Timeout);
        Assert.Equal(string.Empty, await reader.ReadToEndAsync(cts.Token));
    }

    private static async Task<JsonElement> ReadEventAsync(StreamReader reader)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        while (true)
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("The event stream ended.");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(line["data: ".Length..]);
                return document.RootElement.Clone();
            }
        }
    }
}
