using System.Text;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Alpaca.Tests.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// Whatever arrives, the stocks stream's dispatcher and decoders report it and go on: after each bad frame a
/// good one still arrives on the same stream.
/// </summary>
public sealed class MalformedInputTests
{
    private const string Frame =
        """[{"T":"t","S":"AAPL","i":1,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"},""" +
        """{"T":"q","S":"MSFT","bp":1.5,"bs":2,"ap":1.6,"as":3,"c":["R"],"t":"2024-05-01T14:31:02Z"},""" +
        """{"T":"b","S":"IBM","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"n":3,"vw":1.2,"t":"2024-05-01T14:30:00Z"},""" +
        """{"T":"error","code":406,"msg":"connection limit exceeded"}]""";

    [Fact]
    public async Task Dispatch_EveryTruncation_IsReportedAndTheStreamGoesOn()
    {
        await using var probe = await Probe.StartAsync();
        var bytes = Encoding.UTF8.GetBytes(Frame);
        for (var length = 0; length < bytes.Length; length++)
        {
            var failuresBefore = probe.Failures;

            await probe.PushThenMarkerAsync(bytes[..length], length);

            Assert.True(probe.Failures > failuresBefore, $"A frame cut at {length} bytes reported no error.");
        }
    }

    [Fact]
    public async Task Dispatch_RandomByteCorruption_EveryFrameDeliveredOrReported_AndTheStreamGoesOn()
    {
        await using var probe = await Probe.StartAsync();
        var original = Encoding.UTF8.GetBytes(Frame);
        var random = new Random(20240501);
        for (var trial = 0; trial < 2000; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var before = probe.Failures + probe.Delivered;

            await probe.PushThenMarkerAsync(bytes, trial);

            Assert.True(probe.Failures + probe.Delivered > before, $"Trial {trial} produced neither a message nor an error.");
        }
    }

    /// <summary>Every data channel of the stocks stream open for every symbol, and a marker trade to wait for.</summary>
    private sealed class Probe : IAsyncDisposable
    {
        private readonly FakeConnection _connection;
        private readonly StreamRouter _stocks;
        private readonly StreamSubscription<StockTrade> _trades;
        private readonly StreamSubscription<StockQuote> _quotes;
        private readonly StreamSubscription<StockBar> _bars;

        private Probe(FakeConnection connection, StreamRouter stocks, StreamSubscription<StockTrade> trades, StreamSubscription<StockQuote> quotes, StreamSubscription<StockBar> bars)
        {
            _connection = connection;
            _stocks = stocks;
            _trades = trades;
            _quotes = quotes;
            _bars = bars;
        }

        /// <summary>Errors of every kind the session counts.</summary>
        public long Failures
        {
            get
            {
                var s = _stocks.Statistics;
                return s.MalformedFrames + s.MalformedMessages + s.UnrecognizedMessages + s.DecodeFailures;
            }
        }

        /// <summary>Messages delivered, markers excluded.</summary>
        public long Delivered { get; private set; }

        public static async Task<Probe> StartAsync()
        {
            var connection = new FakeConnection();
            var stocks = StreamRouter.Acquire(connection, AlpacaStockStream.Protocol, StreamOptions.Default);
            var trades = await DispatchProbe.OpenAllAsync<StockTrade>(stocks, "t");
            var quotes = await DispatchProbe.OpenAllAsync<StockQuote>(stocks, "q");
            var bars = await DispatchProbe.OpenAllAsync<StockBar>(stocks, "b");
            return new Probe(connection, stocks, trades, quotes, bars);
        }

        /// <summary>Pushes <paramref name="frame"/>, then a good frame, and waits for the good frame's trade.</summary>
        public async Task PushThenMarkerAsync(byte[] frame, int id)
        {
            _connection.Push(frame);
            _connection.Push($$"""[{"T":"t","S":"MARK","i":{{id}},"p":1}]""");
            while (true)
            {
                var trade = await _trades.NextAsync();
                if (trade.Symbol == "MARK" && trade.Id == id)
                {
                    break;
                }

                Delivered++;
            }

            while (_quotes.TryRead(out _) || _bars.TryRead(out _))
            {
                Delivered++;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _bars.DisposeAsync();
            await _quotes.DisposeAsync();
            await _trades.DisposeAsync();
            await _stocks.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
