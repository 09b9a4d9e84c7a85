namespace WebsocketProxy.Generators.Tests.Support;

/// <summary>Protocol declarations compiled by the tests: an Alpaca-like one and a non-Alpaca exchange.</summary>
internal static class TestProtocols
{
    public const string Models = """
        using System.Text.Json;

        namespace Market;

        public sealed record Bar(string Symbol, decimal Close)
        {
            public static Bar Read(ref Utf8JsonReader reader)
            {
                var e = JsonElement.ParseValue(ref reader);
                return new Bar(e.GetProperty("S").GetString()!, e.GetProperty("c").GetDecimal());
            }
        }

        public sealed record Trade(string Symbol, decimal Price)
        {
            [StreamDecoder]
            public static Trade Parse(ref Utf8JsonReader reader)
            {
                var e = JsonElement.ParseValue(ref reader);
                return new Trade(e.GetProperty("S").GetString()!, e.GetProperty("p").GetDecimal());
            }
        }

        public sealed record Quote(string Symbol, decimal Bid, int Decoded);

        /// <summary>Shared decoding state, like the Alpaca layer's interning context.</summary>
        public sealed class DecodeCounter
        {
            public int Count { get; set; }
        }

        public static class QuoteDecoder
        {
            public static Quote Read(ref Utf8JsonReader reader, DecodeCounter counter)
            {
                var e = JsonElement.ParseValue(ref reader);
                counter.Count++;
                return new Quote(e.GetProperty("S").GetString()!, e.GetProperty("bp").GetDecimal(), counter.Count);
            }
        }

        public readonly record struct Tick(string ProductId, string Price)
        {
            public static Tick Read(ref Utf8JsonReader reader)
            {
                var e = JsonElement.ParseValue(ref reader);
                return new Tick(e.GetProperty("product_id").GetString()!, e.GetProperty("price").GetString()!);
            }
        }
        """;

    public const string Stocks = """
        namespace Market;

        [StreamProtocol(Discriminator = "T", SymbolField = "S",
            Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
            Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
            MaxTopicsPerMessage = 100, DecodeContext = nameof(Counter))]
        public sealed partial class StockStream
        {
            private static DecodeCounter Counter { get; } = new();

            [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(QuoteDecoder))]
            public partial IAsyncEnumerable<Quote> Quotes(string symbol, CancellationToken cancellationToken = default);

            [StreamChannel("bars", TypeCode = "b")]
            public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);

            [StreamChannel("bars", TypeCode = "b")]
            public partial IAsyncEnumerable<Bar> Bars(IEnumerable<string> symbols, CancellationToken cancellationToken = default);

            [StreamChannel("bars", TypeCode = "b")]
            public partial IAsyncEnumerable<Bar> Bars(CancellationToken cancellationToken = default);

            [StreamChannel("bars", TypeCode = "u")]
            public partial IAsyncEnumerable<Bar> UpdatedBars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default);

            [StreamChannel("trades", TypeCode = "t")]
            internal partial ValueTask<StreamSubscription> OnTrade(Action<Trade> handler, CancellationToken cancellationToken);
        }
        """;

    public const string Exchange = """
        namespace Exchange;

        using Market;

        [StreamProtocol(Discriminator = "type", SymbolField = "product_id", RawTopics = false,
            Subscribe = "{\"type\":\"subscribe\",\"channels\":[{\"name\":\"{channel}\",\"product_ids\":[{topics}]}]}",
            Unsubscribe = "{\"type\":\"unsubscribe\",\"channels\":[{\"name\":\"{channel}\",\"product_ids\":[{topics}]}]}",
            MaxTopicsPerMessage = 20)]
        public partial class ExchangeStream
        {
            [StreamChannel("ticker", TypeCode = "ticker")]
            public partial IAsyncEnumerable<Tick> Ticker(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken = default);
        }
        """;

    /// <summary>
    /// Described channels (one declaration each; the generator writes the other overloads and every doc),
    /// a router opened on first use (RouterSource), a protocol without symbols, and a facade forwarding the stocks.
    /// </summary>
    public const string Described = """
        using WebsocketProxy.Client;

        namespace Market;

        [StreamProtocol(Discriminator = "T", SymbolField = "S",
            Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
            Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
            RouterSource = nameof(RouterAsync))]
        public sealed partial class LazyStocks : IAsyncDisposable
        {
            private readonly IProxyConnection _connection;
            private StreamRouter? _router;

            public LazyStocks(IProxyConnection connection) => _connection = connection;

            public int Opened { get; private set; }

            public ValueTask DisposeAsync() => _router?.DisposeAsync() ?? default;

            private ValueTask<StreamRouter> RouterAsync(CancellationToken cancellationToken)
            {
                if (_router is null)
                {
                    Opened++;
                    _router = StreamRouter.Acquire(_connection, Protocol);
                }

                return new(_router);
            }

            [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
            public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);

            [StreamChannel("trades", TypeCode = "t", Description = "trades & prints")]
            public partial IAsyncEnumerable<Trade> Trades(string symbol, CancellationToken cancellationToken = default);
        }

        [StreamProtocol(Discriminator = "T",
            Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
            Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}")]
        public sealed partial class Headlines
        {
            [StreamChannel("news", TypeCode = "n", DecoderType = typeof(Bar), Description = "headlines")]
            public partial IAsyncEnumerable<Bar> All(CancellationToken cancellationToken = default);
        }

        [StreamFacade(typeof(LazyStocks), nameof(Stocks))]
        public sealed partial class MarketFacade
        {
            public MarketFacade(IProxyConnection connection) => Stocks = new LazyStocks(connection);

            public LazyStocks Stocks { get; }
        }
        """;

    /// <summary>Runs generated code: reads two items from each protocol through a scripted connection.</summary>
    public const string Driver = """
        using WebsocketProxy.Client;

        public static class Driver
        {
            public static async Task<string> StocksAsync(IProxyConnection connection)
            {
                await using var stream = new Market.StockStream(connection);
                var seen = new List<string>();
                await foreach (var bar in stream.Bars("AAPL"))
                {
                    seen.Add($"{bar.Symbol}={bar.Close}");
                    if (seen.Count == 2)
                    {
                        break;
                    }
                }

                return string.Join("|", seen);
            }

            public static async Task<string> QuotesAsync(IProxyConnection connection)
            {
                await using var stream = new Market.StockStream(connection);
                await foreach (var quote in stream.Quotes("AAPL"))
                {
                    return $"{quote.Symbol}={quote.Bid}#{quote.Decoded}";
                }

                return "none";
            }

            public static async Task<string> FacadeAsync(IProxyConnection connection)
            {
                var facade = new Market.MarketFacade(connection);
                await using var stocks = facade.Stocks;
                var seen = new List<string> { $"opened={stocks.Opened}" };
                var bars = facade.AllBars(StreamBufferOptions.Default);
                seen.Add($"opened={stocks.Opened}");
                await foreach (var bar in bars)
                {
                    seen.Add($"{bar.Symbol}={bar.Close}");
                    if (seen.Count == 4)
                    {
                        break;
                    }
                }

                seen.Add($"opened={stocks.Opened}");
                return string.Join("|", seen);
            }

            public static async Task<string> ExchangeAsync(IProxyConnection connection)
            {
                await using var stream = new Exchange.ExchangeStream(connection);
                var seen = new List<string>();
                await foreach (var tick in stream.Ticker(new[] { "BTC-USD", "ETH-USD" }))
                {
                    seen.Add($"{tick.ProductId}={tick.Price}");
                    if (seen.Count == 2)
                    {
                        break;
                    }
                }

                return string.Join("|", seen);
            }
        }
        """;
}
