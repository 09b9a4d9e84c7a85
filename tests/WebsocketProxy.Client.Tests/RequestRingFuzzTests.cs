using System.Buffers;
using System.Net.WebSockets;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;
using Xunit.Abstractions;

namespace WebsocketProxy.Client.Tests;

/// <summary>
/// A registered client writes garbage into its own request ring (random records, mutated commands, raw bytes, lying
/// record lengths, a template that would render gigabytes) against a real proxy process, while another client
/// receives frames and sends commands. The other client must lose nothing. Fixed seed (printed), bounded rounds.
/// </summary>
public sealed class RequestRingFuzzTests(ITestOutputHelper output)
{
    // Fixed for CI; set WSPROXY_FUZZ_SEED to explore other inputs (the seed in use is printed).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("WSPROXY_FUZZ_SEED"), out var seed) ? seed : 20_261_203;

    [Fact]
    public async Task Proxy_ClientWritesGarbageIntoItsRequestRing_OtherClientsLoseNothing()
    {
        output.WriteLine($"seed {Seed}");
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var good = await context.ConnectAsync("good");
        var connection = await good.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        await connection.SubscribeAsync(TestTemplates.Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");

        // The bad client is a real registration (its rings and lease); the test writes into its request ring.
        using var bad = ProxyRegistration.Create(context.ClientOptions("bad"));

        // A registration starts with its hello: the proxy executes nothing before it (it may be a dead proxy's).
        await bad.HelloAsync("bad", spawn: false, starter: null, context.ClientOptions("bad"), CancellationToken.None);
        var opened = await bad.RequestAsync(c => new OpenCommand(c, new ProxyConnectionOptions { Url = server.Url }), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(opened.Ok, opened.Error);
        var badConnection = BitConverter.ToInt64(opened.Body.Span);
        var path = ProxyNames.ClientRequests(context.Instance, bad.ClientId);
        using var rogue = MessageRing.Open(path);
        // Plain file I/O (unbuffered) on a ring file shares its pages with every MAP_SHARED mapping of it.
        using var raw = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var random = new Random(Seed);
        var corpus = Corpus(badConnection);

        for (var round = 0; round < 40; round++)
        {
            for (var k = 0; k < 25; k++)
            {
                WriteSomethingBad(random, corpus, rogue, raw);
            }

            await server.BroadcastAsync($"tick {round}");
            await frames.WaitForDataAsync($"tick {round}");
        }

        // The good client's commands are still answered, its subscriptions still reach upstream, nothing of the bad
        // client's amplifying template was sent, and it never saw a gap or an error.
        await connection.SubscribeAsync(TestTemplates.Bars, ["MSFT"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["MSFT"]}""");
        Assert.Contains("good", await good.GetStatusAsync(), StringComparison.Ordinal);
        Assert.True(context.ProxyRunning);
        Assert.DoesNotContain(server.Received, m => m.Length > 64 << 10);
        Assert.DoesNotContain(frames.Seen, f => f.StartsWith("Gap", StringComparison.Ordinal) || f.StartsWith("Error", StringComparison.Ordinal));
    }

    private static List<byte[]> Corpus(long connectionId)
    {
        var amplifier = TestTemplates.Bars with { Group = "amp", TopicFormat = string.Concat(Enumerable.Repeat("{topic}", 2_000)) };
        Command[] commands =
        [
            new RegisterTemplateCommand(7, connectionId, 1000, amplifier),
            new RegisterTemplateCommand(8, connectionId, 1001, TestTemplates.Bars with { Group = "fuzz" }),
            new SubscriptionCommand(1, true, connectionId, 1000, [.. Enumerable.Range(0, 50).Select(i => $"{i:D3}" + new string('x', 597))]),
            new SubscriptionCommand(2, true, connectionId, 1001, ["A", "B"]),
            new SubscriptionCommand(3, false, connectionId, 1001, ["A"]),
            new SendCommand(4, connectionId, WebSocketMessageType.Text, "fuzz"u8.ToArray()),
            new CloseCommand(5, connectionId + 1),
            new StatusCommand(6),
            new HeartbeatCommand(0, 1, 2),
        ];
        var corpus = new List<byte[]>();
        foreach (var command in commands)
        {
            var writer = new ArrayBufferWriter<byte>();
            CommandCodec.Encode(command, writer);
            corpus.Add(writer.WrittenSpan.ToArray());
        }

        return corpus;
    }

    private static void WriteSomethingBad(Random random, List<byte[]> corpus, MessageRing rogue, FileStream raw)
    {
        switch (random.Next(5))
        {
            case 0:
                // A well-formed record of random bytes.
                var noise = new byte[random.Next(0, 400)];
                random.NextBytes(noise);
                if (noise.Length > 1)
                {
                    noise[0] = CommandCodec.Version;
                }

                rogue.TryWrite(noise);
                break;
            case 1:
                // A real command, mutated (the amplifying subscribe among them, sent whole now and then).
                var command = (byte[])corpus[random.Next(corpus.Count)].Clone();
                for (var n = random.Next(0, 3); n > 0; n--)
                {
                    command[random.Next(command.Length)] ^= (byte)(1 << random.Next(8));
                }

                rogue.TryWrite(command);
                break;
            case 2:
                // Raw bytes past the protocol: no magic, no CRC.
                var garbage = new byte[1 + random.Next(200)];
                random.NextBytes(garbage);
                WriteAtTail(raw, garbage);
                break;
            case 3:
                // A record header whose length lies.
                var header = new byte[16];
                random.NextBytes(header);
                BitConverter.TryWriteBytes(header.AsSpan(0, 4), MessageRingLayout.RecordMagic);
                WriteAtTail(raw, header);
                break;
            default:
                // A record whose CRC does not match.
                var aligned = MessageRingLayout.AlignRecord(ReadInt64(raw, MessageRingLayout.TailOffset));
                if (rogue.TryWrite(corpus[random.Next(corpus.Count)]))
                {
                    var checksum = MessageRingLayout.HeaderSize + ((aligned + 12) & (ReadInt64(raw, MessageRingLayout.CapacityOffset) - 1));
                    raw.Position = checksum;
                    var damaged = (byte)(raw.ReadByte() ^ 0xFF);
                    raw.Position = checksum;
                    raw.WriteByte(damaged);
                }

                break;
        }
    }

    /// <summary>Copies bytes at the tail (wrapping) and moves the tail past them, as a producer that skips the protocol.</summary>
    private static void WriteAtTail(FileStream raw, byte[] bytes)
    {
        var capacity = ReadInt64(raw, MessageRingLayout.CapacityOffset);
        var tail = ReadInt64(raw, MessageRingLayout.TailOffset);
        for (var i = 0; i < bytes.Length; i++)
        {
            raw.Position = MessageRingLayout.HeaderSize + ((tail + i) & (capacity - 1));
            raw.WriteByte(bytes[i]);
        }

        raw.Position = MessageRingLayout.TailOffset;
        raw.Write(BitConverter.GetBytes(tail + bytes.Length));
    }

    private static long ReadInt64(FileStream raw, long offset)
    {
        var bytes = new byte[8];
        raw.Position = offset;
        raw.ReadExactly(bytes);
        return BitConverter.ToInt64(bytes);
    }
}
