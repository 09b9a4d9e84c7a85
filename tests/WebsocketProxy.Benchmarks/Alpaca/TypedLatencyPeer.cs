using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Protocol;
using WebsocketProxy.Client;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// One strategy process of the typed end-to-end benchmark: <c>await foreach</c> over a symbol's trades
/// through the proxy, latency = receive time - the trade's timestamp (both the machine's clock), then prints
/// <c>result count p50us p99us maxus</c>.
/// </summary>
internal static class TypedLatencyPeer
{
    public const string Verb = "alpaca-e2e-peer";

    public static async Task<int> RunAsync(string[] args)
    {
        var (baseAddress, instance, proxyPath, key, secret) = (new Uri(args[0]), args[1], args[2], args[3], args[4]);
        var warmup = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));
        var measure = TimeSpan.FromSeconds(double.Parse(args[6], CultureInfo.InvariantCulture));
        if (args[7] == "direct")
        {
            return await RunDirectAsync(AlpacaEndpoints.For(AlpacaStreamKind.Stocks, AlpacaFeed.Sip, baseAddress), new AlpacaCredentials(key, secret), warmup, measure);
        }

        var options = AlpacaProxyOptions.Default with
        {
            Feed = AlpacaFeed.Sip,
            BaseAddress = baseAddress,
            Proxy = WebsocketProxyClientOptions.Default with { Name = "e2e-peer", Instance = instance, ProxyPath = proxyPath, ProxyGracePeriod = TimeSpan.FromSeconds(2) },
        };
        await using var stocks = await AlpacaProxy.ConnectAsync(new AlpacaCredentials(key, secret), options);
        Console.Out.WriteLine("ready");
        var latencies = new List<long>(100_000);
        var start = DateTime.UtcNow;
        await foreach (var trade in stocks.Trades("AAPL"))
        {
            var now = DateTime.UtcNow;
            if (now - start < warmup)
            {
                continue;
            }

            latencies.Add((now - trade.Timestamp.UtcDateTime).Ticks / 10);
            if (now - start >= warmup + measure)
            {
                break;
            }
        }

        return Report(latencies);
    }

    /// <summary>The baseline: this process's own WebSocket, decoded with the same decoders, no proxy.</summary>
    private static async Task<int> RunDirectAsync(Uri url, AlpacaCredentials credentials, TimeSpan warmup, TimeSpan measure)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, CancellationToken.None);
        await socket.SendAsync(AlpacaAuthMessage.Build(credentials), WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.SendAsync("""{"action":"subscribe","trades":["AAPL"]}"""u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        Console.Out.WriteLine("ready");
        var trades = new List<StockTrade>();
        var latencies = new List<long>(100_000);
        var buffer = new byte[1 << 20];
        var start = DateTime.UtcNow;
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            trades.Clear();
            DecodeTrades(buffer.AsSpan(0, length), trades);
            var now = DateTime.UtcNow;
            foreach (var trade in trades)
            {
                if (now - start >= warmup)
                {
                    latencies.Add((now - trade.Timestamp.UtcDateTime).Ticks / 10);
                }
            }

            if (now - start >= warmup + measure)
            {
                return Report(latencies);
            }
        }
    }

    // What the generated dispatcher does for the trades channel, without the listener lookup: each element's
    // properties up to its type code, then the decoder from a checkpoint copy of the reader.
    private static void DecodeTrades(ReadOnlySpan<byte> frame, List<StockTrade> trades)
    {
        var json = new Utf8JsonReader(frame);
        json.Read();
        while (json.Read() && json.TokenType == JsonTokenType.StartObject)
        {
            var start = json;
            var isTrade = false;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var isType = json.ValueTextEquals("T"u8);
                json.Read();
                if (isType)
                {
                    isTrade = json.ValueTextEquals("t"u8);
                    break;
                }

                json.Skip();
            }

            json = start;
            if (isTrade)
            {
                trades.Add(StockTradeDecoder.Read(ref json, AlpacaDecodeContext.Shared));
            }
            else
            {
                json.Skip();
            }
        }
    }

    private static int Report(List<long> latencies)
    {
        latencies.Sort();
        Console.Out.WriteLine(FormattableString.Invariant($"result {latencies.Count} {Percentile(latencies, 0.50)} {Percentile(latencies, 0.99)} {latencies[^1]}"));
        return 0;
    }

    private static long Percentile(List<long> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
