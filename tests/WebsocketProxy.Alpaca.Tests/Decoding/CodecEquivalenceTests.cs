using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Simulator.Market;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// Every message type the simulator sends, written once by its encoder in both codecs (as it writes them for JSON
/// and MessagePack clients), decodes to the same model from JSON and from MessagePack: the same decimals (the
/// double's shortest form, as the JSON text shows it), all nine fraction digits, the same strings.
/// </summary>
public sealed class CodecEquivalenceTests : IDisposable
{
    private const long Nanos = 1_714_573_862_123_456_789; // 2024-05-01T14:31:02.123456789Z
    private readonly MessageEncoder _encoder = new() { PackEnabled = true };
    private readonly AlpacaDecodeContext _context = new();

    public static TheoryData<double> Prices => [189.42, 0.1, 64210.5, 1e-7, 123456.789012, 0.30000000000000004, 2.5e-5, 99999999.99, 187.63999999999999, 3];

    [Theory]
    [MemberData(nameof(Prices))]
    public void StockTrade_BothCodecs_SameModel(double price)
    {
        var message = MarketMessages.StockTrade(_encoder, "AAPL", 52_983_525_029_461, "V", price, 100, "C", Nanos);

        var (json, pack) = Decode(message, StockTradeDecoder.Read, StockTradeDecoder.Read);

        Assert.Equal(json, pack);
        Assert.Equal(123_456_789, pack.Timestamp.Nanosecond);
    }

    [Theory]
    [MemberData(nameof(Prices))]
    public void StockQuote_BothCodecs_SameModel(double price)
    {
        var message = MarketMessages.StockQuote(_encoder, "MSFT", "Q", price, 2, "P", price + 0.01, 3, "C", Nanos);

        var (json, pack) = Decode(message, StockQuoteDecoder.Read, StockQuoteDecoder.Read);

        Assert.Equal(json, pack);
    }

    [Theory]
    [InlineData("b", false)]
    [InlineData("d", false)]
    [InlineData("u", false)]
    [InlineData("b", true)]
    public void Bars_BothCodecs_SameModel(string type, bool fractionalVolume)
    {
        var bar = new BarAccumulator();
        bar.Reset(Nanos - 123_456_789);
        bar.Add(189.42, 100);
        bar.Add(189.5, 37.5);
        bar.Add(188.97, 12);
        var message = MarketMessages.Bar(_encoder, System.Text.Encoding.UTF8.GetBytes(type), "AAPL", bar, fractionalVolume);

        if (fractionalVolume)
        {
            var (cryptoJson, cryptoPack) = Decode(message, CryptoBarDecoder.Read, CryptoBarDecoder.Read);
            Assert.Equal(cryptoJson, cryptoPack);
            return;
        }

        var (json, pack) = Decode(message, StockBarDecoder.Read, StockBarDecoder.Read);
        Assert.Equal(json, pack);
        Assert.Equal(FieldKey.BarKindOf(type), pack.Kind);
    }

    [Fact]
    public void StatusLuldImbalance_BothCodecs_SameModel()
    {
        var status = Decode(MarketMessages.Status(_encoder, "AAPL", "H", "Trading Halt", "T12", "Additional Information Requested by Nasdaq", "C", Nanos), TradingStatusDecoder.Read, TradingStatusDecoder.Read);
        var luld = Decode(MarketMessages.Luld(_encoder, "AAPL", 198.89, 179.95, "C", Nanos), LimitUpLimitDownDecoder.Read, LimitUpLimitDownDecoder.Read);
        var imbalance = Decode(MarketMessages.Imbalance(_encoder, "AAPL", 189.4, "C", Nanos), OrderImbalanceDecoder.Read, OrderImbalanceDecoder.Read);

        Assert.Equal(status.Json, status.Pack);
        Assert.Equal(luld.Json, luld.Pack);
        Assert.Equal(imbalance.Json, imbalance.Pack);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CorrectionAndCancel_BothCodecs_SameModel(bool cancel)
    {
        var correction = Decode(MarketMessages.Correction(_encoder, "AAPL", "V", 1, 189.42, 100, 2, 189.43, 90, "C", Nanos), TradeCorrectionDecoder.Read, TradeCorrectionDecoder.Read);
        var cancelError = Decode(MarketMessages.CancelError(_encoder, "AAPL", 7, "V", 189.42, 100, cancel, "C", Nanos), TradeCancelDecoder.Read, TradeCancelDecoder.Read);

        Assert.Equal(correction.Json, correction.Pack);
        Assert.Equal(cancelError.Json, cancelError.Pack);
    }

    [Theory]
    [MemberData(nameof(Prices))]
    public void CryptoTradeAndQuote_BothCodecs_SameModel(double price)
    {
        var trade = Decode(MarketMessages.CryptoTrade(_encoder, "BTC/USD", 31_337, price, 0.00012345, buyerTook: true, Nanos), CryptoTradeDecoder.Read, CryptoTradeDecoder.Read);
        var quote = Decode(MarketMessages.CryptoQuote(_encoder, "BTC/USD", price, 0.5, price * 1.0001, 1.25, Nanos), CryptoQuoteDecoder.Read, CryptoQuoteDecoder.Read);

        Assert.Equal(trade.Json, trade.Pack);
        Assert.Equal(quote.Json, quote.Pack);
    }

    [Fact]
    public void CryptoOrderBook_BothCodecs_SameModel()
    {
        var message = MarketMessages.OrderBook(_encoder, "BTC/USD", Nanos, [(64210.5, 0.5), (64210.25, 1.125)], [(64211, 0.00001)], reset: true);

        var (json, pack) = Decode(message, CryptoOrderBookDecoder.Read, CryptoOrderBookDecoder.Read);

        // Level arrays are built per decode: compare their contents.
        Assert.Equal(json with { Bids = default, Asks = default }, pack with { Bids = default, Asks = default });
        Assert.Equal<OrderBookLevel>(json.Bids, pack.Bids);
        Assert.Equal<OrderBookLevel>(json.Asks, pack.Asks);
        Assert.Equal(2, pack.Bids.Length);
    }

    [Fact]
    public void News_BothCodecs_SameModel()
    {
        var longText = string.Concat(Enumerable.Repeat("Shares rose after the report. ", 3000)); // str32
        var item = new NewsItem(24_843_171, "Apple's Q2 Results Beat Estimates — äöü 📈", new string('s', 200), "Benzinga Newsdesk", Nanos, Nanos + 1, "https://example.com/news/24843171", longText, ["AAPL", "MSFT"], "benzinga");

        var (json, pack) = Decode(MarketMessages.News(_encoder, item), NewsArticleDecoder.Read, NewsArticleDecoder.Read);

        Assert.Equal(Serialize(json), Serialize(pack));
        Assert.Equal(longText, pack.Content);
        Assert.Equal(123_456_790, pack.UpdatedAt.Nanosecond);
    }

    [Fact]
    public void ErrorReply_BothCodecs_SameModel()
    {
        var (json, pack) = Decode(ControlMessages.Error(_encoder, 405, "symbol limit exceeded"), ErrorMessageDecoder.Read, ErrorMessageDecoder.Read);

        Assert.Equal(json, pack);
        Assert.Equal(405, (int)pack.Code);
    }

    [Fact]
    public void SubscriptionReply_BothCodecs_SameModel()
    {
        var set = SubscriptionSet.Empty.With(new Dictionary<Channel, string[]> { [Channel.Trades] = ["AAPL", "MSFT"], [Channel.Bars] = ["*"] }, add: true);

        var (json, pack) = Decode(ControlMessages.Subscription(_encoder, StreamEndpoint.For(Simulator.AlpacaSimulatorFeed.Iex), set), SubscriptionStateDecoder.Read, SubscriptionStateDecoder.Read);

        Assert.Equal(Serialize(json), Serialize(pack));
    }

    public void Dispose() => _encoder.Dispose();

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value);

    private (T Json, T Pack) Decode<T>(EncodedMessage message, JsonDecoding.Decoder<T> fromJson, PackDecoder<T> fromPack)
    {
        var json = JsonDecoding.Read(fromJson, System.Text.Encoding.UTF8.GetString(_encoder.Json(message)), _context);
        var bytes = _encoder.Pack(message).ToArray();
        var pack = fromPack(bytes, out var consumed, _context);
        Assert.Equal(bytes.Length, consumed);

        // Equal decimals may differ in scale; the JSON text and the MessagePack double must agree on it too.
        Assert.Equal(Serialize(json), Serialize(pack));
        _encoder.Clear();
        return (json, pack);
    }

    private delegate T PackDecoder<out T>(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context);
}
