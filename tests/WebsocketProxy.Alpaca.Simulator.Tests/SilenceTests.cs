using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary>The "silent" fault: TCP stays open, nothing moves either way, until it is lifted.</summary>
public sealed class SilenceTests
{
    /// <summary>How long a test watches for something that must not happen; long beside a 100 ms ping interval.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task GoSilent_ClientMessagesNotReadNorAnswered_EndSilenceReadsAndAnswersThem()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        sim.Faults.GoSilent();
        Assert.True(sim.Faults.IsSilent);

        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        var reply = client.ReceiveSingleAsync();
        await Task.WhenAny(reply, Task.Delay(Quiet));
        Assert.False(reply.IsCompleted);
        Assert.Single(Assert.Single(sim.Counters.Connections).ReceivedMessages);
        Assert.Equal(WebSocketState.Open, client.Socket.State);

        sim.Faults.EndSilence();
        Assert.False(sim.Faults.IsSilent);
        Assert.Equal(["AAPL"], (await reply).Strings("trades"));
        Assert.Equal("AAPL", (await client.ReceiveUntilAsync(m => m.Type() == "t")).Symbol());
    }

    [Fact]
    public async Task GoSilent_NoDataNoPings_ThenBothResume()
    {
        var options = Messages.FastMarket with { PingInterval = TimeSpan.FromMilliseconds(100) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = sim.Credentials.KeyId, ["APCA-API-SECRET-KEY"] = sim.Credentials.Secret };
        await using var stream = await Handshake.OpenAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), headers, cts.Token);
        await WriteTextFrameAsync(stream, """{"action":"subscribe","trades":["*"],"quotes":["*"]}""", cts.Token);
        var opcodes = new List<int>();
        while (!opcodes.Contains(0x9))
        {
            opcodes.Add((await ReadAnsweringPingsAsync(stream, cts.Token)).Opcode);
        }

        sim.Faults.GoSilent();

        // Frames already on their way may still arrive; after them, nothing: a live server would send a ping
        // every 100 ms and quotes all the time.
        var read = ReadAnsweringPingsAsync(stream, cts.Token);
        var whileSilent = new List<string>();
        for (var inFlight = 0; await Task.WhenAny(read, Task.Delay(Quiet)) == read; inFlight++)
        {
            whileSilent.Add($"{(await read).Opcode}:{(await read).Payload.Length}");
            Assert.True(inFlight < 50, "The server kept sending while silent: " + string.Join(' ', whileSilent));
            read = ReadAnsweringPingsAsync(stream, cts.Token);
        }

        sim.Faults.EndSilence();
        opcodes.Clear();
        opcodes.Add((await read).Opcode);
        while (!opcodes.Contains(0x9) || !opcodes.Contains(0x1))
        {
            opcodes.Add((await ReadAnsweringPingsAsync(stream, cts.Token)).Opcode);
        }
    }

    [Fact]
    public async Task GoSilent_NewConnectionGetsNoHandshake_UntilSilenceEnds()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        sim.Faults.GoSilent();
        var connect = RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await Task.WhenAny(connect, Task.Delay(Quiet));
        Assert.False(connect.IsCompleted);

        sim.Faults.EndSilence();
        await using var client = await connect;
        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task GoSilent_ForPeriod_LiftedWhenTheClockPassesIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { TimeProvider = clock, AuthTimeout = TimeSpan.FromHours(1) });
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        sim.Faults.GoSilent(TimeSpan.FromSeconds(10));
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        var reply = client.ReceiveSingleAsync();

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.True(sim.Faults.IsSilent);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(sim.Faults.IsSilent);
        Assert.Equal("subscription", (await reply).Type());
    }

    [Fact]
    public async Task GoSilent_LongerThanPingTimeout_ServerGivesUp_ClientSeesTheEndOnceLifted()
    {
        var options = AlpacaSimulatorOptions.Default with { PingInterval = TimeSpan.FromMilliseconds(100), PingTimeout = TimeSpan.FromMilliseconds(300) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        var receive = client.ReceiveRawAsync();
        sim.Faults.GoSilent();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 0, cts.Token);

        sim.Faults.EndSilence();
        try
        {
            Assert.Equal(WebSocketMessageType.Close, (await receive).Type);
        }
        catch (WebSocketException)
        {
            // Dropped without a close: the server gave up on a client it could not hear.
        }
    }

    /// <summary>Reads the next frame; a ping is answered with a pong at once, as a live client does.</summary>
    private static async Task<(int Opcode, string Payload)> ReadAnsweringPingsAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var frame = await PingTests.ReadFrameAsync(stream, cancellationToken);
        if (frame.Opcode == 0x9)
        {
            await WriteFrameAsync(stream, 0x8A, frame.Payload, cancellationToken);
        }

        return frame;
    }

    private static Task WriteTextFrameAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        WriteFrameAsync(stream, 0x81, text, cancellationToken);

    private static async Task WriteFrameAsync(Stream stream, byte first, string text, CancellationToken cancellationToken)
    {
        var payload = Encoding.Latin1.GetBytes(text);
        var frame = new byte[2 + 2 + 4 + payload.Length];
        frame[0] = first; // FIN + opcode
        frame[1] = 0x80 | 126; // masked, 16-bit length
        frame[2] = (byte)(payload.Length >> 8);
        frame[3] = (byte)payload.Length;
        payload.CopyTo(frame, 8); // mask of zeros leaves the payload as it is
        await stream.WriteAsync(frame, cancellationToken);
    }
}
