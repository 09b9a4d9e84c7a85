using System.Buffers;
using System.Buffers.Binary;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Client;
using Xunit.Abstractions;

namespace WebsocketProxy.Protocol.Tests;

/// <summary>
/// Random and adversarial bytes through the command and reply decoders: each either decodes or throws a
/// <see cref="ProtocolException"/>, never anything else, and never allocates out of proportion to its input.
/// Deterministic: a fixed seed, printed, and a fixed number of cases.
/// </summary>
public sealed class CommandCodecFuzzTests(ITestOutputHelper output)
{
    // Fixed for CI; set WSPROXY_FUZZ_SEED to explore other inputs (the seed in use is printed).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("WSPROXY_FUZZ_SEED"), out var seed) ? seed : 20_261_203;

    private const int Cases = 30_000;

    private static readonly int[] Adversarial = [-1, 0, 1, 7, int.MaxValue, int.MinValue, 100_000, 1 << 20, 1 << 30, 65_535];

    [Fact]
    public void Decode_RandomAndMutatedRecords_ProtocolExceptionOrCommand_AllocationBounded()
    {
        output.WriteLine($"seed {Seed}, {Cases} cases");
        var random = new Random(Seed);
        var corpus = Corpus();
        var decoded = 0;
        // First uses (pooled buffers, statics, a first exception) allocate once; the bound is about each record.
        foreach (var record in corpus)
        {
            try
            {
                CommandCodec.Decode(record);
                CommandCodec.Decode(record.AsSpan(0, record.Length - 1));
            }
            catch (ProtocolException)
            {
                // Expected for the cut records.
            }
        }

        for (var i = 0; i < Cases; i++)
        {
            var input = Next(random, corpus);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                if (i % 4 == 3)
                {
                    Reply.Decode(input);
                }
                else
                {
                    CommandCodec.Decode(input);
                }

                decoded++;
            }
            catch (ProtocolException)
            {
                // The clear, expected failure.
            }
            catch (Exception ex)
            {
                Assert.Fail($"Case {i} (seed {Seed}) threw {ex.GetType().Name}: {ex.Message}\ninput: {Convert.ToHexString(input)}");
            }

            // Strings take two bytes per input byte plus object headers; a decoder that sizes anything from a
            // count it has not checked against the bytes left would blow far past this.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= (16L * input.Length) + (16 << 10), $"Case {i} (seed {Seed}) allocated {allocated} bytes for a {input.Length}-byte input: {Convert.ToHexString(input)}");
        }

        output.WriteLine($"{decoded} of {Cases} decoded");
        Assert.InRange(decoded, 1, Cases - 1);
    }

    [Fact]
    public void Decode_CountLargerThanTheBytesLeft_ProtocolExceptionBeforeAllocating()
    {
        var writer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new SubscriptionCommand(1, true, 2, 1, ["A"]), writer);
        var record = writer.WrittenSpan.ToArray();
        // The topic count sits just before the last topic (4-byte length + "A").
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(record.Length - 9), CommandCodec.MaxTopicsPerCommand);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(record));

        Assert.Contains("cannot fit", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 10);
    }

    [Fact]
    public void Decode_TextSendThatIsNotUtf8_ProtocolException()
    {
        var writer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new SendCommand(1, 2, WebSocketMessageType.Text, new byte[] { 0x66, 0xC3, 0x28 }), writer);
        var binary = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new SendCommand(1, 2, WebSocketMessageType.Binary, new byte[] { 0x66, 0xC3, 0x28 }), binary);

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(writer.WrittenSpan));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        Assert.IsType<SendCommand>(CommandCodec.Decode(binary.WrittenSpan));
    }

    private static readonly SubscriptionTemplate Template = new() { Group = "g", Subscribe = "s[{topics}]", Unsubscribe = "u[{topics}]", TopicFormat = "{topic}{topic}" };

    private static List<byte[]> Corpus()
    {
        var options = new ProxyConnectionOptions
        {
            Url = new Uri("ws://127.0.0.1:9/x"),
            Headers = new Dictionary<string, string> { ["K"] = "V" },
            Prelude = ["auth"],
            ReadinessMarker = "ok",
            FatalMarkers = ["denied"],
            FatalCloseCodes = [4001],
        };
        Command[] commands =
        [
            new HelloCommand(1, "name", 42),
            new OpenCommand(2, options),
            new OpenCommand(13, options with
            {
                Prelude = ["""{"action":"auth","n":[1,-2,3.5,true,null]}"""],
                MessageFormat = ProxyMessageFormat.MessagePack,
                ReadinessMarker = FrameMarker.FromBytes([0xa3, 0x6d, 0x73, 0x67]),
                RefusalMarker = FrameMarker.FromBytes([0xa5, 0x65]),
            }),
            new CloseCommand(3, 7),
            new SendCommand(4, 3, WebSocketMessageType.Binary, new byte[] { 1, 2, 3 }),
            new RegisterTemplateCommand(12, 3, 1, Template),
            new SubscriptionCommand(5, true, 3, 1, ["AAPL", "MSFT", "ü"]),
            new SubscriptionCommand(6, false, 3, 1, ["AAPL"]),
            new SetLogLevelCommand(7, LogLevel.Debug),
            new StatusCommand(8),
            new GoodbyeCommand(9),
            new HeartbeatCommand(0, 10, 2),
        ];
        var corpus = new List<byte[]>();
        foreach (var command in commands)
        {
            var writer = new ArrayBufferWriter<byte>();
            CommandCodec.Encode(command, writer);
            corpus.Add(writer.WrittenSpan.ToArray());
        }

        var reply = new ArrayBufferWriter<byte>();
        Reply.EncodeError(reply, CommandKind.Open, 11, "refused");
        corpus.Add(reply.WrittenSpan.ToArray());
        return corpus;
    }

    private static byte[] Next(Random random, List<byte[]> corpus)
    {
        switch (random.Next(5))
        {
            case 0:
                // Pure noise, with a valid version byte half the time so the decoder gets past it.
                var noise = new byte[random.Next(0, 300)];
                random.NextBytes(noise);
                if (noise.Length > 1 && random.Next(2) == 0)
                {
                    noise[0] = CommandCodec.Version;
                    noise[1] = (byte)random.Next(1, 13);
                }

                return noise;
            case 1:
                // A valid record truncated anywhere.
                var whole = corpus[random.Next(corpus.Count)];
                return whole[..random.Next(whole.Length)];
            case 2:
                // A valid record with an adversarial 32-bit value (a length or a count) written at any offset.
                var patched = (byte[])corpus[random.Next(corpus.Count)].Clone();
                if (patched.Length >= 4)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(patched.AsSpan(random.Next(patched.Length - 3)), Adversarial[random.Next(Adversarial.Length)]);
                }

                return patched;
            case 3:
                // Bit flips.
                var flipped = (byte[])corpus[random.Next(corpus.Count)].Clone();
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return flipped;
            default:
                // Trailing garbage.
                var valid = corpus[random.Next(corpus.Count)];
                var tail = new byte[random.Next(1, 16)];
                random.NextBytes(tail);
                return [.. valid, .. tail];
        }
    }
}
