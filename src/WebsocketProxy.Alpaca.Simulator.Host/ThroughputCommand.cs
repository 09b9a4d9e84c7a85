using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace WebsocketProxy.Alpaca.Simulator.Host;

/// <summary>
/// <c>throughput</c>: measures how many messages a second one client receives from an in-process simulator,
/// counting messages by scanning each frame for the <c>"T":</c> keys (one per message).
/// </summary>
internal static class ThroughputCommand
{
    public static Command Create()
    {
        var symbols = new Option<int>("--symbols") { Description = "Symbols subscribed to (trades and quotes).", DefaultValueFactory = _ => 100 };
        var rate = new Option<double>("--rate") { Description = "Trades and quotes, each, per symbol per second.", DefaultValueFactory = _ => 1500 };
        var seconds = new Option<double>("--seconds") { Description = "How long to measure.", DefaultValueFactory = _ => 10 };
        var messagePack = new Option<bool>("--msgpack") { Description = "Use MessagePack frames." };
        var limit = new Option<long>("--buffer-limit") { Description = "Slow-client limit in bytes.", DefaultValueFactory = _ => 256L * 1024 * 1024 };
        var command = new Command("throughput", "Measures messages per second from the simulator to one client.");
        command.Options.Add(symbols);
        command.Options.Add(rate);
        command.Options.Add(seconds);
        command.Options.Add(messagePack);
        command.Options.Add(limit);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var (messages, elapsed) = await MeasureAsync(parse.GetValue(symbols), parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(messagePack), parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{messages:N0} messages in {elapsed.TotalSeconds:F2} s: {messages / elapsed.TotalSeconds:N0} messages/s")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<(long Messages, TimeSpan Elapsed)> MeasureAsync(int symbolCount, double rate, TimeSpan duration, bool messagePack, long bufferLimit, CancellationToken cancellationToken)
    {
        var options = AlpacaSimulatorOptions.Default with { TradesPerSecond = rate, QuotesPerSecond = rate, SlowClientBufferLimit = bufferLimit };
        var sim = await AlpacaMarketSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await using var simLifetime = sim.ConfigureAwait(false);
        var headers = new Dictionary<string, string>
        {
            ["APCA-API-KEY-ID"] = sim.Credentials.KeyId,
            ["APCA-API-SECRET-KEY"] = sim.Credentials.Secret,
        };
        if (messagePack)
        {
            headers["Content-Type"] = "application/msgpack";
        }

        using var socket = await RawHandshake.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Sip), headers, cancellationToken).ConfigureAwait(false);
        var names = string.Join(',', Enumerable.Range(0, symbolCount).Select(i => $"\"S{i:D4}\""));
        var subscribe = $$"""{"action":"subscribe","trades":[{{names}}],"quotes":[{{names}}]}""";
        var payload = messagePack ? global::MessagePack.MessagePackSerializer.ConvertFromJson(subscribe) : Encoding.UTF8.GetBytes(subscribe);
        await socket.SendAsync(payload, messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);

        var buffer = new byte[1 << 20];
        var marker = messagePack ? new byte[] { 0xa1, (byte)'T' } : "\"T\":"u8.ToArray();
        long messages = 0;
        Stopwatch? clock = null;
        using var noData = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        noData.CancelAfter(TimeSpan.FromSeconds(10));
        while (clock is null || clock.Elapsed < duration)
        {
            var result = await socket.ReceiveAsync(buffer, clock is null ? noData.Token : cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The simulator closed the connection.");
            }

            var count = Count(buffer.AsSpan(0, result.Count), marker);
            if (clock is null)
            {
                // Start once data flows, so connection set-up is not measured.
                if (count > 1)
                {
                    clock = Stopwatch.StartNew();
                }

                continue;
            }

            messages += count;
        }

        return (messages, clock.Elapsed);
    }

    private static int Count(ReadOnlySpan<byte> data, ReadOnlySpan<byte> marker)
    {
        var count = 0;
        int index;
        while ((index = data.IndexOf(marker)) >= 0)
        {
            count++;
            data = data[(index + marker.Length)..];
        }

        return count;
    }
}
