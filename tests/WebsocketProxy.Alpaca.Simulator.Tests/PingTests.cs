using System.Net.Sockets;
using System.Text;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class PingTests
{
    [Fact]
    public async Task Ping_FromClient_AnsweredWithPongOfSamePayload()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await using var stream = await Handshake.OpenAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), new Dictionary<string, string>(), cts.Token);

        var payload = "are you there"u8.ToArray();
        var mask = new byte[] { 1, 2, 3, 4 };
        var frame = new byte[2 + 4 + payload.Length];
        frame[0] = 0x89; // FIN + ping
        frame[1] = (byte)(0x80 | payload.Length); // masked, as every client frame must be
        mask.CopyTo(frame, 2);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        await stream.WriteAsync(frame, cts.Token);

        var frames = new List<(int Opcode, string Payload)>();
        while (frames.All(f => f.Opcode != 0xA))
        {
            frames.Add(await ReadFrameAsync(stream, cts.Token));
        }

        Assert.Equal((0x1, """[{"T":"success","msg":"connected"}]"""), frames[0]);
        Assert.Equal((0xA, "are you there"), frames[^1]);
    }

    [Fact]
    public async Task Ping_ServerPingsItsClients_AtPingInterval()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { PingInterval = TimeSpan.FromMilliseconds(100) });
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await using var stream = await Handshake.OpenAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), new Dictionary<string, string>(), cts.Token);

        var opcodes = new List<int>();
        while (!opcodes.Contains(0x9))
        {
            opcodes.Add((await ReadFrameAsync(stream, cts.Token)).Opcode);
        }

        // A ping, not .NET's unsolicited pong: the server asks, as the real service does.
        Assert.DoesNotContain(0xA, opcodes);
    }

    [Fact]
    public async Task Ping_ClientNeverAnswers_DroppedAfterPingTimeout()
    {
        var options = AlpacaSimulatorOptions.Default with { PingInterval = TimeSpan.FromMilliseconds(100), PingTimeout = TimeSpan.FromMilliseconds(300), AuthTimeout = TimeSpan.FromMinutes(5) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var stream = await Handshake.OpenAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), new Dictionary<string, string>(), cts.Token);

        var pings = 0;
        var ended = false;
        while (!ended)
        {
            try
            {
                pings += (await ReadFrameAsync(stream, cts.Token)).Opcode == 0x9 ? 1 : 0;
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException)
            {
                ended = true;
            }
        }

        Assert.True(pings >= 1);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 0, cts.Token);
    }

    [Fact]
    public async Task Ping_ClientAnswers_StaysConnectedPastPingTimeout()
    {
        var options = AlpacaSimulatorOptions.Default with { PingInterval = TimeSpan.FromMilliseconds(50), PingTimeout = TimeSpan.FromMilliseconds(200) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);

        // ClientWebSocket answers pings while a receive is pending; the data it waits for comes well after the timeout.
        var receive = client.ReceiveRawAsync();
        await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(receive.IsCompleted);
        sim.Faults.SendRaw("""[{"T":"success","msg":"still here"}]""");
        Assert.Contains("still here", System.Text.Encoding.UTF8.GetString((await receive).Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopReading_LongerThanPingTimeout_ClientThatAnswersPingsStaysConnected()
    {
        var options = AlpacaSimulatorOptions.Default with { PingInterval = TimeSpan.FromMilliseconds(50), PingTimeout = TimeSpan.FromMilliseconds(200) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        sim.Faults.StopReading();
        var receive = client.ReceiveRawAsync();
        await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(receive.IsCompleted);

        sim.Faults.ResumeReading();
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.Contains("subscription", System.Text.Encoding.UTF8.GetString((await receive).Payload), StringComparison.Ordinal);
    }

    internal static async Task<(int Opcode, string Payload)> ReadFrameAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        await stream.ReadExactlyAsync(header, cancellationToken);
        long length = header[1] & 0x7f;
        if (length == 126)
        {
            var extended = new byte[2];
            await stream.ReadExactlyAsync(extended, cancellationToken);
            length = (extended[0] << 8) | extended[1];
        }
        else if (length == 127)
        {
            var extended = new byte[8];
            await stream.ReadExactlyAsync(extended, cancellationToken);
            length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (header[0] & 0x0f, Encoding.Latin1.GetString(body));
    }
}
