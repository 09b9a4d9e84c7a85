using System.Collections.Immutable;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Tests.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Models;

public sealed class ModelEqualityTests
{
    private const string Trade =
        """{"T":"t","S":"AAPL","i":1,"x":"V","p":189.42,"s":100,"c":["@","I"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}""";

    [Fact]
    public void Equals_TradesDecodedWithSeparateContexts_AreEqualByValue()
    {
        var first = JsonDecoding.Read(StockTradeDecoder.Read, Trade);
        var second = JsonDecoding.Read(StockTradeDecoder.Read, Trade);

        Assert.False(first.Conditions == second.Conditions); // different contexts, different cached arrays
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentConditions_NotEqual()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, Trade);

        Assert.NotEqual(trade, trade with { Conditions = ["@"] });
        Assert.NotEqual(trade, trade with { Price = 1m });
        Assert.Equal(trade, trade with { Conditions = ImmutableArray.Create("@", "I") });
    }

    [Fact]
    public void Equals_OrderBooksAndSubscriptionStates_CompareArraysByValue()
    {
        var book = new CryptoOrderBook { Symbol = "BTC/USD", Bids = [new(1m, 2m)] };
        var state = new SubscriptionState { Trades = ["AAPL"], Bars = ["*"] };

        Assert.Equal(book, book with { Bids = [new(1m, 2m)] });
        Assert.NotEqual(book, book with { Asks = [new(1m, 2m)] });
        Assert.Equal(state, new SubscriptionState { Trades = ["AAPL"], Bars = ["*"] });
        Assert.Equal(state.GetHashCode(), new SubscriptionState { Trades = ["AAPL"], Bars = ["*"] }.GetHashCode());
        Assert.NotEqual(state, state with { Bars = [] });
    }
}
