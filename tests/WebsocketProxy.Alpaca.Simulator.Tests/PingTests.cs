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

    private static async Task<(int Opcode, string Payload)> ReadFrameAsync(NetworkStream stream, CancellationToken cancellationToken)
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

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (header[0] & 0x0f, Encoding.UTF8.GetString(body));
    }
}
