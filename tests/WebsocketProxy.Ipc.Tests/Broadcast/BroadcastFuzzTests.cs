using System.Buffers;
using WebsocketProxy.Ipc.Mapping;
using WebsocketProxy.Ipc.Tests.Support;
using Xunit.Abstractions;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

/// <summary>
/// Random and adversarial values in a broadcast ring's header (tail slots, tail index, fence, layout fields) and in
/// its record headers, between publishes and reads. Readers (the one attached and ones opened on the damaged file)
/// must never crash, throw or spin, and once the damage stops the attached reader must be back to delivering every
/// message intact. Fixed seed (printed), bounded steps.
/// </summary>
public sealed unsafe class BroadcastFuzzTests(ITestOutputHelper output)
{
    // Fixed for CI; set WSPROXY_FUZZ_SEED to explore other inputs (the seed in use is printed).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("WSPROXY_FUZZ_SEED"), out var seed) ? seed : 20_261_203;

    private const int Steps = 20_000;
    private const int Capacity = 4096;

    private static readonly int[] HeaderFields =
    [
        BroadcastLayout.TailIndexOffset, BroadcastLayout.TailSlotsOffset, BroadcastLayout.TailSlotsOffset + 8,
        BroadcastLayout.TailSlotsOffset + 16, BroadcastLayout.TailSlotsOffset + 24, BroadcastLayout.FenceOffset,
        BroadcastLayout.CapacityOffset, BroadcastLayout.EpochOffset, BroadcastLayout.MaxRecordPayloadOffset,
    ];

    [Fact]
    public void TryRead_DamagedHeaderAndRecords_NeverCrashesAndRecoversWhenTheDamageStops()
    {
        output.WriteLine($"seed {Seed}, {Steps} steps");
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = Capacity, MaxRecordPayload = 256 });
        using var reader = BroadcastReader.Open(ring.Path);
        using var raw = SharedMapping.OpenExisting(ring.Path)!;
        var random = new Random(Seed);
        var buffer = new ArrayBufferWriter<byte>();
        var statuses = new int[5];
        var opens = new int[2];

        for (var step = 0; step < Steps; step++)
        {
            var action = random.Next(100);
            if (action < 35)
            {
                writer.Publish(Payloads.For(writer.Published, 8 + random.Next(random.Next(4) == 0 ? writer.MaxMessageLength - 8 : 200)));
            }
            else if (action < 70)
            {
                Drain(reader, buffer, statuses);
            }
            else if (action < 82)
            {
                // A header field gets an adversarial value.
                var offset = HeaderFields[random.Next(HeaderFields.Length)];
                *(long*)(raw.Pointer + offset) = Adversarial(random, writer);
            }
            else if (action < 94)
            {
                // A record header field (commit, sequence, length, type, message length) in the data area.
                var record = raw.Pointer + BroadcastLayout.HeaderSize + (random.Next(Capacity / BroadcastLayout.RecordAlignment) * BroadcastLayout.RecordAlignment);
                var field = random.Next(4) * 8;
                *(long*)(record + field) = random.Next(3) == 0 ? BroadcastLayout.CommitWord(writer.Published * 64, BroadcastLayout.CommitMask(writer.Epoch)) : Adversarial(random, writer);
            }
            else if (action < 97)
            {
                Assert.True(reader.WaitForData(TimeSpan.Zero) || true);
            }
            else
            {
                // A reader opening the damaged file: refused cleanly, or attached and reading safely.
                try
                {
                    using var late = BroadcastReader.Open(ring.Path);
                    Drain(late, buffer, statuses);
                    opens[0]++;
                }
                catch (InvalidDataException)
                {
                    opens[1]++;
                }

                if (random.Next(2) == 0)
                {
                    // Layout fields are only read at open; put them back now and then so later opens can attach.
                    *(long*)(raw.Pointer + BroadcastLayout.CapacityOffset) = Capacity;
                    *(long*)(raw.Pointer + BroadcastLayout.EpochOffset) = writer.Epoch;
                    *(int*)(raw.Pointer + BroadcastLayout.MaxRecordPayloadOffset) = 256;
                }
            }
        }

        // The damage stops; the writer goes on. Within a few laps every byte the reader relies on was rewritten.
        for (var i = 0; i < 10 * Capacity / 64; i++)
        {
            writer.Publish(Payloads.For(writer.Published, 8 + random.Next(200)));
            Drain(reader, buffer, statuses);
        }

        for (var i = 0; i < 50; i++)
        {
            var sequence = writer.Publish(Payloads.For(writer.Published, 8 + random.Next(writer.MaxMessageLength - 8)));
            buffer.ResetWrittenCount();
            var result = reader.TryRead(buffer);
            Assert.Equal(ReadStatus.Message, result.Status);
            Assert.Equal(sequence, result.Sequence);
            Assert.True(Payloads.Matches(sequence, buffer.WrittenSpan), $"seed {Seed}: message {sequence} came out damaged after the damage stopped");
            Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);
        }

        output.WriteLine($"statuses (empty, message, lost, restarted, corrupt): {string.Join(", ", statuses)}; late opens attached {opens[0]}, refused {opens[1]}");
        Assert.True(statuses[(int)ReadStatus.Corrupt] > 0 && opens[0] > 0 && opens[1] > 0);
    }

    /// <summary>Reads until empty; a reader that never gets there is spinning on damage.</summary>
    private static void Drain(BroadcastReader reader, ArrayBufferWriter<byte> buffer, int[] statuses)
    {
        for (var reads = 0; reads < 10_000; reads++)
        {
            buffer.ResetWrittenCount();
            var result = reader.TryRead(buffer);
            statuses[(int)result.Status]++;
            Assert.InRange(result.Length, 0, Capacity / 4);
            if (result.Status is ReadStatus.Empty or ReadStatus.WriterRestarted)
            {
                return;
            }
        }

        buffer.ResetWrittenCount();
        Assert.Fail($"seed {Seed}: the reader never reported the ring empty; {reader.TryRead(buffer)} {reader.LastCorruption} next={reader.NextSequence} tail={reader.WriterPublished}");
    }

    private static long Adversarial(Random random, BroadcastWriter writer)
    {
        var position = writer.Published * 64;
        long[] values =
        [
            -1, 0, 8, Capacity - 8, Capacity, long.MaxValue, long.MinValue, 1L << 62, position + 8, position + Capacity,
            position - (2 * Capacity), position + 32, random.NextInt64(), int.MaxValue, (long)int.MaxValue + 1,
        ];
        return values[random.Next(values.Length)];
    }
}
