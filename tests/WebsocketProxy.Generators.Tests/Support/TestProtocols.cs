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
            // Required for the generator to find the decoder; never called, because ReadJson exists (the run test of
            // quotes fails if it is).
            public static Quote Read(ref Utf8JsonReader reader, DecodeCounter counter)
                => throw new InvalidOperationException("The dispatcher called the Utf8JsonReader decoder instead of ReadJson.");

            /// <summary>The span overload: the dispatcher calls it instead of Read, with the frame from the object on.</summary>
            public static Quote ReadJson(ReadOnlySpan<byte> json, out int consumed, DecodeCounter counter)
            {
                var reader = new Utf8JsonReader(json);
                var e = JsonElement.ParseValue(ref reader);
                consumed = (int)reader.BytesConsumed;
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

    /// <summary>
    /// MessagePack: decoders with MessagePack overloads (one using the decode context, one not) make the generator
    /// write the MessagePack dispatcher; a protocol with BinaryFrames = Json reads binary frames as JSON.
    /// </summary>
    public const string Packed = """
        using System.Buffers.Binary;
        using System.Text;
        using System.Text.Json;

        namespace Market;

        public sealed record PackedBar(string Symbol, decimal Close, int Decoded);

        public static class PackedBarDecoder
        {
            public static PackedBar Read(ref Utf8JsonReader reader, DecodeCounter counter)
            {
                var e = JsonElement.ParseValue(ref reader);
                return new PackedBar(e.GetProperty("S").GetString()!, e.GetProperty("c").GetDecimal(), ++counter.Count);
            }

            public static PackedBar Read(ReadOnlySpan<byte> message, out int consumed, DecodeCounter counter)
            {
                var (symbol, value) = PackedFields.Read(message, "c"u8, out consumed);
                return new PackedBar(symbol, value, ++counter.Count);
            }
        }

        public sealed record PackedTrade(string Symbol, decimal Price)
        {
            public static PackedTrade Read(ref Utf8JsonReader reader)
            {
                var e = JsonElement.ParseValue(ref reader);
                return new PackedTrade(e.GetProperty("S").GetString()!, e.GetProperty("p").GetDecimal());
            }

            public static PackedTrade Read(ReadOnlySpan<byte> message, out int consumed)
            {
                var (symbol, value) = PackedFields.Read(message, "p"u8, out consumed);
                return value < 0 ? throw new FormatException("negative price") : new PackedTrade(symbol, value);
            }
        }

        /// <summary>Reads S and one number (fixint or float64) of a map; skips the rest.</summary>
        internal static class PackedFields
        {
            public static (string Symbol, decimal Value) Read(ReadOnlySpan<byte> message, ReadOnlySpan<byte> field, out int consumed)
            {
                var position = 0;
                StreamMessagePack.TryReadMapHeader(message, ref position, out var count);
                var symbol = "";
                var value = 0m;
                for (var i = 0; i < count; i++)
                {
                    StreamMessagePack.TryReadString(message, ref position, out var key);
                    if (key.SequenceEqual("S"u8) && StreamMessagePack.TryReadString(message, ref position, out var text))
                    {
                        symbol = Encoding.UTF8.GetString(text);
                    }
                    else if (key.SequenceEqual(field))
                    {
                        value = message[position] == 0xcb ? (decimal)BinaryPrimitives.ReadDoubleBigEndian(message[(position + 1)..]) : (sbyte)message[position];
                        StreamMessagePack.Skip(message, ref position);
                    }
                    else
                    {
                        StreamMessagePack.Skip(message, ref position);
                    }
                }

                consumed = position;
                return (symbol, value);
            }
        }

        [StreamProtocol(Discriminator = "T", SymbolField = "S",
            Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
            Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
            DecodeContext = nameof(Counter))]
        public sealed partial class PackedStocks
        {
            private static DecodeCounter Counter { get; } = new();

            [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(PackedBarDecoder))]
            public partial IAsyncEnumerable<PackedBar> Bars(string symbol, CancellationToken cancellationToken = default);

            [StreamChannel("trades", TypeCode = "t")]
            public partial IAsyncEnumerable<PackedTrade> Trades(string symbol, CancellationToken cancellationToken = default);
        }

        [StreamProtocol(Discriminator = "stream", BinaryFrames = StreamWireFormat.Json,
            Subscribe = "{\"action\":\"listen\",\"data\":{\"streams\":[{topics}]}}",
            Unsubscribe = "{\"action\":\"unlisten\",\"data\":{\"streams\":[{topics}]}}")]
        public sealed partial class PaperUpdates
        {
            [StreamChannel("trade_updates", TypeCode = "trade_updates", DecoderType = typeof(PackedTrade))]
            public partial IAsyncEnumerable<PackedTrade> Updates(CancellationToken cancellationToken = default);
        }
        """;

    /// <summary>Runs generated code: reads two items from each protocol through a scripted connection.</summary>
    public const string Driver = """
        using WebsocketProxy.Client;

        public static class Driver
        {
            public static async Task<string> PackedAsync(IProxyConnection connection)
            {
                await using var stream = new Market.PackedStocks(connection);
                var seen = new List<string>();
                await foreach (var bar in stream.Bars("AAPL"))
                {
                    seen.Add($"{bar.Symbol}={bar.Close}#{bar.Decoded}");
                    if (seen.Count == 2)
                    {
                        break;
                    }
                }

                var statistics = stream.Router.Statistics;
                seen.Add($"malformedFrames={statistics.MalformedFrames},malformedMessages={statistics.MalformedMessages},unrecognized={statistics.UnrecognizedMessages}");
                return string.Join("|", seen);
            }

            public static async Task<string> PackedTradesAsync(IProxyConnection connection)
            {
                await using var stream = new Market.PackedStocks(connection);
                await foreach (var trade in stream.Trades("AAPL"))
                {
                    var statistics = stream.Router.Statistics;
                    return $"{trade.Symbol}={trade.Price}|decodeFailures={statistics.DecodeFailures},malformedFrames={statistics.MalformedFrames}";
                }

                return "none";
            }

            public static async Task<string> PaperAsync(IProxyConnection connection)
            {
                await using var stream = new Market.PaperUpdates(connection);
                await foreach (var update in stream.Updates())
                {
                    return $"{update.Symbol}={update.Price}";
                }

                return "none";
            }

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
