using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class OrderRestTests
{
    /// <summary>Every field of Alpaca's order object (alpaca-py's Order, the Go SDK's Order).</summary>
    private static readonly string[] OrderFields =
    [
        "id", "client_order_id", "created_at", "updated_at", "submitted_at", "filled_at", "expired_at", "canceled_at",
        "failed_at", "replaced_at", "replaced_by", "replaces", "asset_id", "symbol", "asset_class", "notional", "qty",
        "filled_qty", "filled_avg_price", "order_class", "order_type", "type", "side", "position_intent", "time_in_force",
        "limit_price", "stop_price", "status", "extended_hours", "legs", "trail_percent", "trail_price", "hwm", "expires_at",
    ];

    [Fact]
    public async Task PlaceOrder_Limit_AnswersTheOrderWithEveryAlpacaField()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);

        var order = await api.PlaceOkAsync("""{"symbol":"aapl","qty":"2","side":"buy","type":"limit","limit_price":1.5,"time_in_force":"gtc","client_order_id":"strat-a-1"}""");

        foreach (var field in OrderFields)
        {
            Assert.True(order.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.True(Guid.TryParse(order.GetProperty("id").GetString(), out _));
        Assert.Equal("strat-a-1", order.GetProperty("client_order_id").GetString());
        Assert.Equal("AAPL", order.GetProperty("symbol").GetString());
        Assert.Equal("accepted", order.GetProperty("status").GetString());
        Assert.Equal("2", order.GetProperty("qty").GetString());
        Assert.Equal("0", order.GetProperty("filled_qty").GetString());
        Assert.Equal("1.5", order.GetProperty("limit_price").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("filled_avg_price").ValueKind);
        Assert.Equal("limit", order.GetProperty("type").GetString());
        Assert.Equal("simple", order.GetProperty("order_class").GetString());
        Assert.Equal("buy_to_open", order.GetProperty("position_intent").GetString());
        Assert.Equal("us_equity", order.GetProperty("asset_class").GetString());
        Assert.Equal(1, sim.Counters.OrdersSubmitted);
    }

    [Fact]
    public async Task PlaceOrder_GoSdkBody_NullsAndEmptyStringsMeanAbsent()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);

        var order = await api.PlaceOkAsync("""
            {"symbol":"MSFT","qty":"1","notional":null,"side":"sell","type":"market","time_in_force":"day","limit_price":null,
             "extended_hours":false,"stop_price":null,"client_order_id":"","order_class":"","take_profit":null,"stop_loss":null,
             "trail_price":null,"trail_percent":null,"legs":null}
            """);

        Assert.Equal("sell_to_open", order.GetProperty("position_intent").GetString());
        Assert.Equal(order.GetProperty("id").GetString(), order.GetProperty("client_order_id").GetString());
        Assert.NotEqual(JsonValueKind.Null, order.GetProperty("expires_at").ValueKind);
    }

    [Fact]
    public async Task PlaceOrder_NoCredentials_403Forbidden()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.TradingApiUri };

        using var response = await http.PostAsync("/v2/orders", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"forbidden."}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, sim.Counters.OrderRequests);
    }

    [Fact]
    public async Task PlaceOrder_WrongSecret_401NotAuthorized()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim, sim.Credentials with { Secret = "wrong" });

        var (status, body) = await api.PlaceAsync("""{"symbol":"AAPL","qty":1,"side":"buy","type":"market","time_in_force":"day"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(40110000, body.GetProperty("code").GetInt32());
        Assert.Equal(0, sim.Counters.OrdersSubmitted);
    }

    [Fact]
    public async Task GetOrders_BasicAndBearerAuthorization_SameAccount()
    {
        var pair = AlpacaKeyPair.Default;
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { OAuthTokens = [new AlpacaOAuthToken("oauth-token-0002", pair.KeyId)] });
        using (var api = new OrdersApi(sim))
        {
            await api.PlaceOkAsync("""{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","limit_price":1,"time_in_force":"gtc"}""");
        }

        using var http = new HttpClient { BaseAddress = sim.TradingApiUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{pair.KeyId}:{pair.Secret}")));
        using var basic = await http.GetAsync("/v2/orders");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "oauth-token-0002");
        using var bearer = await http.GetAsync("/v2/orders");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var wrong = await http.GetAsync("/v2/orders");

        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Single(JsonDocument.Parse(await basic.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Single(JsonDocument.Parse(await bearer.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Theory]
    [InlineData("""{"symbol":"AAPL","qty":0,"side":"buy","type":"market","time_in_force":"day"}""", 40010001, "qty must be > 0")]
    [InlineData("""{"symbol":"AAPL","qty":1,"type":"market","time_in_force":"day"}""", 40010001, "side is required")]
    [InlineData("""{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","time_in_force":"day"}""", 40010001, "limit_price is required")]
    [InlineData("""{"symbol":"AAPL","qty":1,"side":"buy","type":"market","time_in_force":"week"}""", 40010001, "invalid time_in_force")]
    [InlineData("""{"symbol":"AAPL","qty":1,"notional":100,"side":"buy","type":"market","time_in_force":"day"}""", 40010001, "only one of qty or notional")]
    [InlineData("""{"symbol":"AAPL","notional":100,"side":"buy","type":"limit","limit_price":1,"time_in_force":"day"}""", 40010001, "notional is only supported")]
    [InlineData("""{"symbol":"NOT_A_SYMBOL","qty":1,"side":"buy","type":"market","time_in_force":"day"}""", 42210000, "asset \"NOT_A_SYMBOL\" not found")]
    [InlineData("""{"symbol":"AAPL","qty":1,"side":"buy","type":"market","time_in_force":"day","order_class":"bracket","take_profit":{"limit_price":300}}""", 40010001, "not supported by the simulator")]
    [InlineData("""{"symbol":"AAPL","qty":1,"side":"sell","type":"trailing_stop","trail_percent":1,"time_in_force":"day"}""", 40010001, "trailing_stop")]
    [InlineData("""{"symbol":"AAPL","qty":1,"side":"buy","type":"market","time_in_force":"opg"}""", 40010001, "opg is not supported")]
    [InlineData("""{"symbol":"AAPL","qty":"1e12","side":"buy","type":"market","time_in_force":"day"}""", 40010001, "too large")]
    [InlineData("""{"symbol":"AAPL","qty":"0.0000000001","side":"buy","type":"market","time_in_force":"day"}""", 40010001, "9 decimal places")]
    [InlineData("""{"symbol":"AAPL","qty":"one","side":"buy","type":"market","time_in_force":"day"}""", 40010001, "must be numbers")]
    public async Task PlaceOrder_Invalid_422WithAlpacaCodeAndAClearMessage(string body, int code, string message)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);

        var (status, error) = await api.PlaceAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, sim.Counters.OrdersSubmitted);
        Assert.Equal(1, sim.Counters.OrderRequests);
    }

    [Fact]
    public async Task PlaceOrder_NotJson_400BodyFormatInvalid()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);

        var (status, error) = await api.PlaceAsync("symbol=AAPL");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(40010000, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task PlaceOrder_DuplicateClientOrderId_422MustBeUnique_EvenAfterCancel()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);
        const string Body = """{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","limit_price":1,"time_in_force":"gtc","client_order_id":"dup-1"}""";
        var first = await api.PlaceOkAsync(Body);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/v2/orders/{first.GetProperty("id").GetString()}")).Status);

        var (status, error) = await api.PlaceAsync(Body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("""{"code":40010001,"message":"client_order_id must be unique"}""", error.GetRawText());
    }

    [Fact]
    public async Task GetOrder_ByIdAndByClientOrderId_SameOrder_UnknownIs404()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);
        var placed = await api.PlaceOkAsync("""{"symbol":"TSLA","qty":3,"side":"buy","type":"limit","limit_price":1,"time_in_force":"gtc","client_order_id":"x/1"}""");
        var id = placed.GetProperty("id").GetString();

        var (byIdStatus, byId) = await api.GetAsync($"/v2/orders/{id}");
        var (byClientStatus, byClient) = await api.GetAsync("/v2/orders:by_client_order_id?client_order_id=x%2F1");
        var (unknownStatus, unknown) = await api.GetAsync($"/v2/orders/{Guid.NewGuid()}");
        var (badStatus, _) = await api.GetAsync("/v2/orders/not-a-uuid");

        Assert.Equal(HttpStatusCode.OK, byIdStatus);
        Assert.Equal(id, byId.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, byClientStatus);
        Assert.Equal(id, byClient.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Equal(40410000, unknown.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
    }

    [Fact]
    public async Task GetOrder_OfAnotherAccount_404()
    {
        var other = new AlpacaKeyPair("PKOTHER", "other-secret");
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { KeyPairs = [AlpacaKeyPair.Default, other] });
        using var mine = new OrdersApi(sim);
        using var theirs = new OrdersApi(sim, other);
        var placed = await mine.PlaceOkAsync("""{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","limit_price":1,"time_in_force":"gtc"}""");

        var (status, _) = await theirs.GetAsync($"/v2/orders/{placed.GetProperty("id").GetString()}");
        var (_, list) = await theirs.GetAsync("/v2/orders?status=all");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Empty(list.EnumerateArray());
    }

    [Fact]
    public async Task ListOrders_StatusSymbolsLimitAndDirection()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);
        var ids = new List<string>();
        foreach (var symbol in new[] { "AAPL", "MSFT", "AAPL" })
        {
            ids.Add((await api.PlaceOkAsync($$"""{"symbol":"{{symbol}}","qty":1,"side":"buy","type":"limit","limit_price":1,"time_in_force":"gtc"}""")).GetProperty("id").GetString()!);
        }

        await api.DeleteAsync($"/v2/orders/{ids[0]}");

        var (_, open) = await api.GetAsync("/v2/orders");
        var (_, closed) = await api.GetAsync("/v2/orders?status=closed");
        var (_, aapl) = await api.GetAsync("/v2/orders?status=all&symbols=AAPL&direction=asc");
        var (_, limited) = await api.GetAsync("/v2/orders?status=all&limit=1");
        var (badStatus, _) = await api.GetAsync("/v2/orders?status=sometimes");

        Assert.Equal([ids[2], ids[1]], open.EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal([ids[0]], closed.EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal([ids[0], ids[2]], aapl.EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal([ids[2]], limited.EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badStatus);
    }

    [Fact]
    public async Task CancelOrder_Open_204ThenCanceled_AgainIs422()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);
        var id = (await api.PlaceOkAsync("""{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","limit_price":1,"time_in_force":"gtc"}""")).GetProperty("id").GetString();

        var (first, _) = await api.DeleteAsync($"/v2/orders/{id}");
        var (_, order) = await api.GetAsync($"/v2/orders/{id}");
        var (again, error) = await api.DeleteAsync($"/v2/orders/{id}");
        var (unknown, _) = await api.DeleteAsync($"/v2/orders/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NoContent, first);
        Assert.Equal("canceled", order.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, order.GetProperty("canceled_at").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again);
        Assert.Equal("order is already in \"canceled\" state", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task CancelAllOrders_207WithEachCanceledOrder()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);
        for (var i = 0; i < 2; i++)
        {
            await api.PlaceOkAsync("""{"symbol":"AAPL","qty":1,"side":"buy","type":"limit","limit_price":1,"time_in_force":"gtc"}""");
        }

        var (status, results) = await api.DeleteAsync("/v2/orders");
        var (_, open) = await api.GetAsync("/v2/orders");

        Assert.Equal(HttpStatusCode.MultiStatus, status);
        Assert.Equal(2, results.GetArrayLength());
        Assert.All(results.EnumerateArray(), r =>
        {
            Assert.Equal(200, r.GetProperty("status").GetInt32());
            Assert.Equal("canceled", r.GetProperty("body").GetProperty("status").GetString());
        });
        Assert.Empty(open.EnumerateArray());
    }

    [Fact]
    public async Task UnknownTradingPath_404WithCode()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var api = new OrdersApi(sim);

        var (status, error) = await api.GetAsync("/v2/positions/NOPE");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(40410000, error.GetProperty("code").GetInt32());
    }
}
