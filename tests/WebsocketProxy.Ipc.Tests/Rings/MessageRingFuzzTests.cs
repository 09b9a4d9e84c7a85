using System.Buffers;
using System.Runtime.InteropServices;
using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Tests.Support;
using Xunit.Abstractions;

namespace WebsocketProxy.Ipc.Tests.Rings;

/// <summary>
/// A rogue producer mixes good records with random bytes, records whose length lies, records whose CRC does not
/// match, and damaged head/tail words. The consumer must never throw, never hand out a damaged or made-up record,
/// and deliver every good record written while the positions were intact. Fixed seed (printed), bounded steps.
/// </summary>
public sealed unsafe class MessageRingFuzzTests(ITestOutputHelper output)
{
    // Fixed for CI; set WSPROXY_FUZZ_SEED to explore other inputs (the seed in use is printed).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("WSPROXY_FUZZ_SEED"), out var seed) ? seed : 20_261_203;

    private const int Steps = 20_000;
    private const int Capacity = 4096;

    [Fact]
    public void TryRead_AdversarialProducer_NeverHandsOutDamageAndDeliversEveryIntactRecord()
    {
        output.WriteLine($"seed {Seed}, {Steps} steps");
        using var file = new TempRing();
        using var producer = MessageRing.Create(file.Path, Capacity);
        using var consumer = MessageRing.Open(file.Path);
        using var raw = IpcPlatform.ForPath(file.Path).Memory.OpenExisting(file.Path)!;
        var random = new Random(Seed);
        var buffer = new ArrayBufferWriter<byte>();
        var written = new HashSet<long>();
        var expected = new Queue<long>();
        var next = 0L;
        var lastDelivered = -1L;
        var counts = new int[6];

        for (var step = 0; step < Steps; step++)
        {
            var action = random.Next(100);
            var free = Capacity - (Tail(raw) - Head(raw));
            if (action < 40 || free < 600)
            {
                Drain();
                counts[0]++;
                continue;
            }

            if (action < 70)
            {
                // A good record.
                var payload = Payloads.For(next, 8 + random.Next(200));
                Assert.True(producer.TryWrite(payload));
                written.Add(next);
                expected.Enqueue(next);
                next++;
                counts[1]++;
            }
            else if (action < 80)
            {
                // Random bytes, any length (possibly off the record grid).
                var garbage = new byte[1 + random.Next(300)];
                random.NextBytes(garbage);
                WriteAtTail(raw, garbage);
                counts[2]++;
            }
            else if (action < 88)
            {
                // A header whose magic and position tag are right but whose length lies.
                var tail = MessageRingLayout.AlignRecord(Tail(raw));
                int[] lies = [-1, int.MinValue, int.MaxValue, Capacity, MessageRingLayout.MaxMessageLength(Capacity) + 1, random.Next(1, 2000)];
                var header = new MessageRecordHeader
                {
                    Magic = MessageRingLayout.RecordMagic,
                    Length = lies[random.Next(lies.Length)],
                    PositionTag = MessageRecordHeader.Tag(tail),
                    Checksum = (uint)random.Next(),
                };
                SetTail(raw, tail);
                WriteAtTail(raw, MemoryMarshal.AsBytes(new ReadOnlySpan<MessageRecordHeader>(in header)).ToArray());
                counts[3]++;
            }
            else if (action < 98)
            {
                // A well-formed record whose payload or checksum was damaged after it was written.
                var tail = MessageRingLayout.AlignRecord(Tail(raw));
                var payload = Payloads.For(next, 8 + random.Next(200));
                Assert.True(producer.TryWrite(payload));
                written.Add(next);
                next++;
                var offset = random.Next(2) == 0 ? 12 : MessageRingLayout.RecordHeaderSize + random.Next(payload.Length);
                Data(raw)[(tail + offset) & (Capacity - 1)] ^= (byte)(1 + random.Next(255));
                counts[4]++;
            }
            else
            {
                // The positions themselves: anything may be lost, nothing may crash or be made up. (A head moved back
                // over records already read would replay them: no ring can tell, so that one is left out. Positions
                // within a few records of 2^63 make later records wrap and go too; long.MaxValue is tested elsewhere.)
                if (random.Next(2) == 0)
                {
                    long[] tails = [-8, Head(raw) - 16, Head(raw) + Capacity + 8, 1L << 62, Tail(raw) + 5];
                    SetTail(raw, tails[random.Next(tails.Length)]);
                }
                else
                {
                    long[] heads = [3, Head(raw) + 4, Head(raw) + Capacity + 8, Head(raw) + (1L << 40)];
                    *(long*)(raw.Pointer + MessageRingLayout.HeadOffset) = heads[random.Next(heads.Length)];
                }

                Drain();
                expected.Clear();
                counts[5]++;
            }
        }

        Drain();
        output.WriteLine($"drains {counts[0]}, good {counts[1]}, garbage {counts[2]}, lying lengths {counts[3]}, damaged {counts[4]}, positions {counts[5]}; delivered up to {lastDelivered}");
        Assert.Empty(expected);
        Assert.All(counts, c => Assert.True(c > 0));

        void Drain()
        {
            for (var reads = 0; reads < 10_000; reads++)
            {
                buffer.ResetWrittenCount();
                var result = consumer.TryRead(buffer);
                if (result.Status == ReadStatus.Empty)
                {
                    return;
                }

                if (result.Status != ReadStatus.Message)
                {
                    Assert.Equal(ReadStatus.Corrupt, result.Status);
                    continue;
                }

                var id = BitConverter.ToInt64(buffer.WrittenSpan);
                Assert.True(written.Contains(id) && Payloads.Matches(id, buffer.WrittenSpan), $"seed {Seed}: a damaged or made-up record was handed out (id {id})");
                Assert.True(id > lastDelivered, $"seed {Seed}: record {id} delivered after {lastDelivered}");
                lastDelivered = id;
                while (expected.Count > 0 && expected.Peek() < id)
                {
                    Assert.Fail($"seed {Seed}: intact record {expected.Dequeue()} was skipped (next delivered: {id})");
                }

                if (expected.Count > 0 && expected.Peek() == id)
                {
                    expected.Dequeue();
                }
            }

            Assert.Fail($"seed {Seed}: the consumer never reported the ring empty");
        }
    }

    private static long Head(IMappedRegion map) => Volatile.Read(ref *(long*)(map.Pointer + MessageRingLayout.HeadOffset));

    private static long Tail(IMappedRegion map) => Volatile.Read(ref *(long*)(map.Pointer + MessageRingLayout.TailOffset));

    private static void SetTail(IMappedRegion map, long tail) => Volatile.Write(ref *(long*)(map.Pointer + MessageRingLayout.TailOffset), tail);

    private static byte* Data(IMappedRegion map) => map.Pointer + MessageRingLayout.HeaderSize;

    /// <summary>Copies bytes at the tail (wrapping) and moves the tail past them, as a producer that skips the protocol.</summary>
    private static void WriteAtTail(IMappedRegion map, byte[] bytes)
    {
        var tail = Tail(map);
        for (var i = 0; i < bytes.Length; i++)
        {
            Data(map)[(tail + i) & (Capacity - 1)] = bytes[i];
        }

        SetTail(map, tail + bytes.Length);
    }
}
