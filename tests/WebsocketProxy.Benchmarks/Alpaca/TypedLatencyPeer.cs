using System.Globalization;
using System.Net.WebSockets;
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
        var decoder = new AlpacaFrameDecoder(AlpacaStreamKind.Stocks);
        var messages = new List<IAlpacaMessage>();
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

            messages.Clear();
            decoder.Decode(buffer.AsSpan(0, length), messages);
            var now = DateTime.UtcNow;
            foreach (var message in messages)
            {
                if (message is StockTrade trade && now - start >= warmup)
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

    private static int Report(List<long> latencies)
    {
        latencies.Sort();
        Console.Out.WriteLine(FormattableString.Invariant($"result {latencies.Count} {Percentile(latencies, 0.50)} {Percentile(latencies, 0.99)} {latencies[^1]}"));
        return 0;
    }

    private static long Percentile(List<long> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
