using System.Collections.Immutable;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Trading;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class TradeUpdateDecodingTests
{
    // A fill as Alpaca's paper service sends it (values as strings, every order field present).
    private const string Fill = """
        {"event":"fill","execution_id":"2c8b2a6f-3f0b-4a55-9d0e-1c1b8c8f7a01","timestamp":"2026-12-03T14:31:02.123456789Z",
         "price":"179.08","qty":"2","position_qty":"7","order":
         {"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","client_order_id":"momo-42","created_at":"2026-12-03T14:31:01.5Z",
          "updated_at":"2026-12-03T14:31:02.123456789Z","submitted_at":"2026-12-03T14:31:01.6Z","filled_at":"2026-12-03T14:31:02.123456789Z",
          "expired_at":null,"expires_at":"2026-12-03T21:00:00Z","canceled_at":null,"failed_at":null,"replaced_at":null,"replaced_by":null,
          "replaces":null,"asset_id":"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415","symbol":"AAPL","asset_class":"us_equity","notional":null,
          "qty":"2","filled_qty":"2","filled_avg_price":"179.08","order_class":"","order_type":"limit","type":"limit","side":"buy",
          "position_intent":"buy_to_open","time_in_force":"day","limit_price":"179.10","stop_price":null,"status":"filled",
          "extended_hours":false,"legs":null,"trail_percent":null,"trail_price":null,"hwm":null,"subtag":null,"source":"access_key",
          "ratio_qty":null}}
        """;

    [Fact]
    public void Read_Fill_ReadsEveryField()
    {
        var update = JsonDecoding.Read(TradeUpdateDecoder.Read, Fill);

        Assert.Equal(TradeUpdateEvent.Fill, update.Event);
        Assert.Equal("fill", update.EventText);
        Assert.Equal("2026-12-03T14:31:02.123456789Z", update.Timestamp.ToString());
        Assert.Equal((179.08m, 2m, 7m), (update.Price, update.Quantity, update.PositionQuantity));
        Assert.Equal(Guid.Parse("2c8b2a6f-3f0b-4a55-9d0e-1c1b8c8f7a01"), update.ExecutionId);
        var expected = new Order
        {
            Id = Guid.Parse("61e69015-8549-4bfd-b9c3-01e75843f47d"),
            ClientOrderId = "momo-42",
            CreatedAt = Timestamp("2026-12-03T14:31:01.5Z"),
            UpdatedAt = Timestamp("2026-12-03T14:31:02.123456789Z"),
            SubmittedAt = Timestamp("2026-12-03T14:31:01.6Z"),
            FilledAt = Timestamp("2026-12-03T14:31:02.123456789Z"),
            ExpiresAt = Timestamp("2026-12-03T21:00:00Z"),
            AssetId = Guid.Parse("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415"),
            Symbol = "AAPL",
            AssetClass = AssetClass.UsEquity,
            Quantity = 2m,
            FilledQuantity = 2m,
            FilledAveragePrice = 179.08m,
            OrderClass = OrderClass.Simple,
            Type = OrderType.Limit,
            Side = OrderSide.Buy,
            PositionIntent = PositionIntent.BuyToOpen,
            TimeInForce = TimeInForce.Day,
            LimitPrice = 179.10m,
            Status = OrderStatus.Filled,
            StatusText = "filled",
            Source = "access_key",
        };
        Assert.Equal(expected, update.Order);
    }

    [Fact]
    public void Read_NewMarketOrder_LeavesFillFieldsAndAbsentPricesNull()
    {
        var update = JsonDecoding.Read(TradeUpdateDecoder.Read, """
            {"event":"new","timestamp":"2026-12-03T14:31:01.6Z","order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d",
             "client_order_id":"x","symbol":"MSFT","notional":"500.5","qty":null,"filled_qty":"0","filled_avg_price":null,
             "type":"market","side":"sell","time_in_force":"ioc","limit_price":null,"status":"new","extended_hours":true}}
            """);

        Assert.Equal(TradeUpdateEvent.New, update.Event);
        Assert.Null(update.Price);
        Assert.Null(update.Quantity);
        Assert.Null(update.PositionQuantity);
        Assert.Null(update.ExecutionId);
        var order = update.Order;
        Assert.Equal((500.5m, (decimal?)null, 0m, (decimal?)null, (decimal?)null), (order.Notional, order.Quantity, order.FilledQuantity, order.FilledAveragePrice, order.LimitPrice));
        Assert.Equal((OrderType.Market, OrderSide.Sell, TimeInForce.Ioc, OrderStatus.New, true), (order.Type, order.Side, order.TimeInForce, order.Status, order.ExtendedHours));
        Assert.Null(order.FilledAt);
        Assert.Null(order.PositionIntent);
    }

    [Theory]
    [InlineData("partial_fill", TradeUpdateEvent.PartialFill)]
    [InlineData("canceled", TradeUpdateEvent.Canceled)]
    [InlineData("expired", TradeUpdateEvent.Expired)]
    [InlineData("done_for_day", TradeUpdateEvent.DoneForDay)]
    [InlineData("replaced", TradeUpdateEvent.Replaced)]
    [InlineData("rejected", TradeUpdateEvent.Rejected)]
    [InlineData("pending_new", TradeUpdateEvent.PendingNew)]
    [InlineData("stopped", TradeUpdateEvent.Stopped)]
    [InlineData("pending_cancel", TradeUpdateEvent.PendingCancel)]
    [InlineData("pending_replace", TradeUpdateEvent.PendingReplace)]
    [InlineData("calculated", TradeUpdateEvent.Calculated)]
    [InlineData("suspended", TradeUpdateEvent.Suspended)]
    [InlineData("order_replace_rejected", TradeUpdateEvent.OrderReplaceRejected)]
    [InlineData("order_cancel_rejected", TradeUpdateEvent.OrderCancelRejected)]
    [InlineData("accepted", TradeUpdateEvent.Accepted)]
    [InlineData("held", TradeUpdateEvent.Held)]
    [InlineData("restated", TradeUpdateEvent.Restated)]
    [InlineData("margin_call_liquidated", TradeUpdateEvent.Unknown)]
    public void Read_EventText_MapsToKindAndKeepsText(string text, TradeUpdateEvent expected)
    {
        var update = JsonDecoding.Read(TradeUpdateDecoder.Read, $$$"""{"event":"{{{text}}}","order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","status":"{{{text}}}"}}""");

        Assert.Equal((expected, text), (update.Event, update.EventText));
        Assert.Equal(text, update.Order.StatusText);
    }

    [Fact]
    public void Read_UnknownFieldsAndValues_SkipsThemAndKeepsTheRest()
    {
        var update = JsonDecoding.Read(TradeUpdateDecoder.Read, """
            {"future":{"a":[1,{"b":null}]},"event":"fill","order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","side":"short",
             "type":"pegged","time_in_force":"gtd","asset_class":"bond","order_class":"mystery","new_field":[1,2]},"price":10}
            """);

        Assert.Equal(10m, update.Price);
        Assert.Equal((OrderSide.Unknown, OrderType.Unknown, TimeInForce.Unknown, AssetClass.Unknown, OrderClass.Unknown),
            (update.Order.Side, update.Order.Type, update.Order.TimeInForce, update.Order.AssetClass, update.Order.OrderClass));
    }

    [Fact]
    public void Read_BracketOrder_ReadsLegsRecursively()
    {
        var update = JsonDecoding.Read(TradeUpdateDecoder.Read, """
            {"event":"new","order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","order_class":"bracket","legs":[
              {"id":"11111111-1111-1111-1111-111111111111","type":"limit","limit_price":"190","status":"held","legs":null},
              {"id":"22222222-2222-2222-2222-222222222222","type":"stop","stop_price":"170","status":"held"}]}}
            """);

        Assert.Equal(OrderClass.Bracket, update.Order.OrderClass);
        Assert.Equal([190m, null], update.Order.Legs.Select(l => l.LimitPrice));
        Assert.Equal([null, 170m], update.Order.Legs.Select(l => l.StopPrice));
        Assert.All(update.Order.Legs, l => Assert.Equal(OrderStatus.Held, l.Status));
    }

    [Fact]
    public void Read_NumbersInsteadOfStrings_ReadsThemToo()
    {
        var update = JsonDecoding.Read(TradeUpdateDecoder.Read, """
            {"event":"partial_fill","price":179.5,"qty":1,"position_qty":-3,"order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","qty":5,"filled_qty":1}}
            """);

        Assert.Equal((179.5m, 1m, -3m), (update.Price, update.Quantity, update.PositionQuantity));
        Assert.Equal((5m, 1m), (update.Order.Quantity, update.Order.FilledQuantity));
    }

    [Fact]
    public void Read_DeprecatedOrderTypeOnly_UsesIt()
    {
        var update = JsonDecoding.Read(TradeUpdateDecoder.Read, """{"event":"new","order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d","order_type":"stop_limit"}}""");

        Assert.Equal(OrderType.StopLimit, update.Order.Type);
    }

    [Theory]
    [InlineData("""{"order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d"}}""", "'event'")]
    [InlineData("""{"event":"fill"}""", "'order'")]
    [InlineData("""{"event":"fill","order":{"symbol":"AAPL"}}""", "'id'")]
    [InlineData("""{"event":"fill","order":{"id":"not-a-uuid"}}""", "not a UUID")]
    [InlineData("""{"event":"fill","order":null}""", "null")]
    [InlineData("""{"event":"fill","price":"abc","order":{"id":"61e69015-8549-4bfd-b9c3-01e75843f47d"}}""", "number")]
    public void Read_BrokenUpdate_FailsClearly(string message, string mentioned)
    {
        var error = JsonDecoding.Fails(TradeUpdateDecoder.Read, message);

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadList_OrderArray_ReadsEachOrder()
    {
        var json = new System.Text.Json.Utf8JsonReader("""[{"id":"11111111-1111-1111-1111-111111111111"},{"id":"22222222-2222-2222-2222-222222222222","symbol":"AAPL"}]"""u8);
        Assert.True(json.Read());

        var orders = OrderDecoder.ReadList(ref json, new AlpacaDecodeContext());

        Assert.Equal(["", "AAPL"], orders.Select(o => o.Symbol));
        Assert.Equal(System.Text.Json.JsonTokenType.EndArray, json.TokenType);
    }

    [Fact]
    public void Equals_OrdersWithEqualLegs_AreEqual()
    {
        var leg = new Order { Id = Guid.NewGuid(), LimitPrice = 1m };
        var a = new Order { Id = Guid.Empty, Legs = [leg] };
        var b = new Order { Id = Guid.Empty, Legs = ImmutableArray.Create(leg with { }) };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Legs = [leg with { LimitPrice = 2m }] });
    }

    private static AlpacaTimestamp Timestamp(string text) => AlpacaTimestamp.Parse(text);
}
