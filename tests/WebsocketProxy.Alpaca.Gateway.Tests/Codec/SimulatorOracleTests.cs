using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using WebsocketProxy.Alpaca.Gateway.Codec;
using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Codec;

/// <summary>
/// The simulator writes every message in both codecs from one encoder, so it is the oracle: what the transcoder
/// makes of a MessagePack connection's messages must equal (as JSON values) what a JSON connection to the same
/// simulator receives for the same messages. Options are MessagePack-only (a JSON connection gets 412); their
/// messages, like every other, are also checked against an independent MessagePack reader.
/// </summary>
public sealed class SimulatorOracleTests
{
    private static readonly AlpacaSimulatorOptions Market = AlpacaSimulatorOptions.Default with
    {
        // A minute of market every 100 ms, two connections per key (one per codec), every event type frequent.
        TimeScale = 600,
        MarketStart = new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero),
        ConnectionsPerKey = 2,
        CorrectionProbability = 0.3,
        CancelErrorProbability = 0.3,
        LateTradeProbability = 1,
        HaltProbability = 0.5,
        NewsInterval = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task Transcode_StockMessagesFromTheSimulator_EqualItsJson()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Market);

        await CompareAsync(
            sim,
            AlpacaSimulatorFeed.Sip,
            """{"action":"subscribe","trades":["AAPL","MSFT","TSLA"],"quotes":["AAPL"],"bars":["*"],"updatedBars":["*"],"dailyBars":["*"],"statuses":["*"],"lulds":["*"]}""",
            ["t", "q", "b", "u", "d", "s", "l", "c", "x"]);
    }

    [Fact]
    public async Task Transcode_CryptoMessagesFromTheSimulator_EqualItsJson()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Market);

        await CompareAsync(
            sim,
            AlpacaSimulatorFeed.Crypto,
            """{"action":"subscribe","trades":["BTC/USD","ETH/USD"],"quotes":["BTC/USD"],"bars":["*"],"orderbooks":["BTC/USD"]}""",
            ["t", "q", "b", "o"]);
    }

    [Fact]
    public async Task Transcode_NewsFromTheSimulator_EqualsItsJson()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Market);

        await CompareAsync(sim, AlpacaSimulatorFeed.News, """{"action":"subscribe","news":["*"]}""", ["n"]);
    }

    [Fact]
    public async Task Transcode_OptionMessagesFromTheSimulator_EqualTheReferenceReading()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Market);

        await CompareAsync(
            sim,
            AlpacaSimulatorFeed.Opra,
            """{"action":"subscribe","trades":["*"],"quotes":["AAPL241220C00200000","SPY241220P00500000"]}""",
            ["t", "q"],
            jsonOracle: false);
    }

    [Fact]
    public async Task Transcode_ControlMessagesAndErrors_EqualTheSimulatorsJson()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Market with { SymbolLimit = 3 });
        await using var pack = await SimulatorSocket.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), messagePack: true);
        await using var json = await SimulatorSocket.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), messagePack: false);
        var seen = new List<string>();

        await ExpectSameFrameAsync(pack, json, seen);
        await SendBothAsync(pack, json, """{"action":"subscribe","trades":["AAPL"]}""");
        await ExpectSameFrameAsync(pack, json, seen);
        await SendBothAsync(pack, json, $$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"{{sim.Credentials.Secret}}"}""");
        await ExpectSameFrameAsync(pack, json, seen);
        await SendBothAsync(pack, json, $$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"{{sim.Credentials.Secret}}"}""");
        await ExpectSameFrameAsync(pack, json, seen);
        await SendBothAsync(pack, json, """{"action":"subscribe","trades":["AAPL","MSFT","TSLA","NVDA"]}""");
        await ExpectSameFrameAsync(pack, json, seen);
        await SendBothAsync(pack, json, """{"action":"subscribe","trades":["AAPL"],"quotes":["MSFT"],"bars":["SPY"]}""");
        await ExpectSameFrameAsync(pack, json, seen);
        await SendBothAsync(pack, json, """{"action":"unsubscribe","quotes":["MSFT"]}""");
        await ExpectSameFrameAsync(pack, json, seen);

        Assert.Equal(
            ["success:connected", "error:401", "success:authenticated", "error:403", "error:405", "subscription:", "subscription:"],
            seen);
    }

    [Fact]
    public async Task Transcode_AuthFailure_EqualsTheSimulatorsJson()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Market);
        await using var pack = await SimulatorSocket.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), messagePack: true);
        await using var json = await SimulatorSocket.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), messagePack: false);
        var seen = new List<string>();
        await ExpectSameFrameAsync(pack, json, seen);

        await SendBothAsync(pack, json, $$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"wrong"}""");
        await ExpectSameFrameAsync(pack, json, seen);

        Assert.Equal(["success:connected", "error:402"], seen);
    }

    /// <summary>
    /// Subscribes a MessagePack connection (and a JSON one with <paramref name="jsonOracle"/>) alike, then reads both
    /// until every type in <paramref name="types"/> was seen in MessagePack and matched: each MessagePack message's
    /// transcoding must equal the reference reading, and the JSON connection's message with the same identity.
    /// </summary>
    private static async Task CompareAsync(AlpacaMarketSimulator sim, AlpacaSimulatorFeed feed, string subscribe, string[] types, bool jsonOracle = true)
    {
        await using var pack = await SimulatorSocket.ConnectAsync(sim.GetUri(feed), messagePack: true);
        await using var json = jsonOracle ? await SimulatorSocket.ConnectAsync(sim.GetUri(feed), messagePack: false) : null;
        var control = new List<string>();
        await ExpectSameFrameAsync(pack, json, control);
        await SendBothAsync(pack, json, $$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"{{sim.Credentials.Secret}}"}""");
        await ExpectSameFrameAsync(pack, json, control);
        await SendBothAsync(pack, json, subscribe);
        await ExpectSameFrameAsync(pack, json, control);
        Assert.Equal(["success:connected", "success:authenticated", "subscription:"], control);

        using var stop = new CancellationTokenSource();
        var frames = Channel.CreateUnbounded<(bool Pack, byte[] Payload)>();
        var readers = new List<Task> { PumpAsync(pack, frames.Writer, stop.Token) };
        if (json is not null)
        {
            readers.Add(PumpAsync(json, frames.Writer, stop.Token));
        }

        var jsonByIdentity = new Dictionary<string, List<string>>();
        var unmatched = new List<(string Type, string Identity, string Canonical)>();
        var matched = types.ToDictionary(t => t, _ => 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (matched.Values.Any(count => count == 0))
            {
                (bool Pack, byte[] Payload) frame;
                try
                {
                    frame = await frames.Reader.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"Within 60 s, no MessagePack message of type {string.Join(", ", matched.Where(p => p.Value == 0).Select(p => p.Key))} was matched; matched: {string.Join(", ", matched.Select(p => $"{p.Key}={p.Value}"))}.");
                    throw;
                }

                if (frame.Pack)
                {
                    foreach (var message in TranscodeFrame(frame.Payload))
                    {
                        var type = (string)message.Reference!["T"]!;
                        if (!jsonOracle)
                        {
                            matched[type] = matched.GetValueOrDefault(type) + 1;
                            continue;
                        }

                        unmatched.Add((type, Identity(message.Reference), message.Canonical));
                    }
                }
                else
                {
                    foreach (var message in JsonNode.Parse(frame.Payload)!.AsArray())
                    {
                        var identity = Identity(message!);
                        if (!jsonByIdentity.TryGetValue(identity, out var candidates))
                        {
                            jsonByIdentity[identity] = candidates = [];
                        }

                        candidates.Add(ReferenceJson.Canonical(message));
                    }
                }

                // A MessagePack message is matched once the JSON connection had a message of the same identity; that
                // one must then be equal. Messages only one connection saw (it subscribed a moment earlier) stay unmatched.
                for (var i = unmatched.Count - 1; i >= 0; i--)
                {
                    var (type, identity, canonical) = unmatched[i];
                    if (jsonByIdentity.TryGetValue(identity, out var candidates))
                    {
                        Assert.Contains(canonical, candidates);
                        matched[type] = matched.GetValueOrDefault(type) + 1;
                        unmatched.RemoveAt(i);
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    /// <summary>Transcodes a MessagePack frame message by message and whole, and checks each message against the reference.</summary>
    private static List<(JsonNode Reference, string Canonical)> TranscodeFrame(byte[] frame)
    {
        var result = new List<(JsonNode, string)>();
        var whole = new ArrayBufferWriter<byte>();
        Assert.Equal(frame.Length, AlpacaMessagePackToJson.Transcode(frame, whole));

        var pieces = new List<string>();
        var output = new ArrayBufferWriter<byte>();
        var messages = AlpacaMessagePackFrame.Messages(frame);
        while (messages.MoveNext())
        {
            output.ResetWrittenCount();
            Assert.Equal(messages.Current.Length, AlpacaMessagePackToJson.Transcode(messages.Current, output));
            var reference = ReferenceJson.FromMessagePack(messages.Current.ToArray())!;
            var canonical = ReferenceJson.Canonical(output.WrittenSpan);
            Assert.Equal(ReferenceJson.Canonical(reference), canonical);
            Assert.Equal(Encoding.UTF8.GetString(messages.Key.Type), (string)reference["T"]!);
            Assert.Equal(reference["S"]?.GetValue<string>() ?? string.Empty, Encoding.UTF8.GetString(messages.Key.Symbol));
            pieces.Add(Encoding.UTF8.GetString(output.WrittenSpan));
            result.Add((reference, canonical));
        }

        Assert.Equal("[" + string.Join(",", pieces) + "]", Encoding.UTF8.GetString(whole.WrittenSpan));
        return result;
    }

    /// <summary>What tells one market event from another of its type: symbol, time, ids and the counts that change as a bar grows.</summary>
    internal static string Identity(JsonNode message)
    {
        var identity = new StringBuilder();
        foreach (var field in new[] { "T", "S", "t", "i", "id", "n", "v", "sc", "oi", "ci" })
        {
            identity.Append(field).Append('=').Append(ReferenceJson.Canonical(message[field])).Append(';');
        }

        return identity.ToString();
    }

    /// <summary>Reads one frame from each connection; they must hold the same control messages.</summary>
    private static async Task ExpectSameFrameAsync(SimulatorSocket pack, SimulatorSocket? json, List<string> seen)
    {
        using var timeout = new CancellationTokenSource(SimulatorSocket.Timeout);
        var packed = TranscodeFrame(await pack.ReceiveFrameAsync(timeout.Token));
        var message = Assert.Single(packed).Reference;
        var type = (string)message["T"]!;
        seen.Add(type + ":" + (type == "success" ? (string)message["msg"]! : message["code"]?.ToString()));
        if (json is not null)
        {
            var expected = Assert.Single(JsonNode.Parse(await json.ReceiveFrameAsync(timeout.Token))!.AsArray());
            Assert.Equal(ReferenceJson.Canonical(expected), packed[0].Canonical);
        }
    }

    private static async Task SendBothAsync(SimulatorSocket pack, SimulatorSocket? json, string command)
    {
        await pack.SendAsync(command);
        if (json is not null)
        {
            await json.SendAsync(command);
        }
    }

    private static async Task PumpAsync(SimulatorSocket socket, ChannelWriter<(bool, byte[])> frames, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var frame = await socket.ReceiveFrameAsync(cancellationToken);
                await frames.WriteAsync((socket.IsMessagePack, frame), cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The comparison fails with the reason instead of waiting out its timeout.
            frames.TryComplete(ex);
        }
    }
}
